using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure.Http;

public sealed class HttpLimitsOptions
{
    public const string Section = "Http";

    /// <summary>Largest accepted request body; larger ones get 413.</summary>
    [Range(1, 64L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
