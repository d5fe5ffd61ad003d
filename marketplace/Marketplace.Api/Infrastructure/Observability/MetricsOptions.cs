using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure.Observability;

/// <summary>The <c>Metrics</c> section: who may read <c>/metrics</c>.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>
    /// Bearer token a scraper sends (<c>Authorization: Bearer TOKEN</c>; Prometheus: <c>authorization.credentials_file</c>).
    /// Unset (default): <c>/metrics</c> is open in Development and not served anywhere else.
    /// </summary>
    [MinLength(16)]
    public string? ScrapeToken { get; set; }
}
