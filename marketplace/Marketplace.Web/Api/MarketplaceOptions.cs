using System.ComponentModel.DataAnnotations;

namespace Marketplace.Web.Api;

/// <summary>Where the marketplace API is (section <c>Marketplace</c>).</summary>
public sealed class MarketplaceOptions
{
    public const string SectionName = "Marketplace";

    /// <summary>The API's base URL; default the development API at http://127.0.0.1:5080/.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://127.0.0.1:5080/");

    /// <summary>How long one API call may take before the page shows "not answering" (default 15 s).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
