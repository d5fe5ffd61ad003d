namespace Marketplace.Web.Hosting;

/// <summary>
/// Where the data-protection key ring lives (section <c>DataProtection</c>). The ring encrypts the session cookie and
/// the antiforgery tokens, so every replica behind a load balancer must read the same one: point
/// <see cref="KeyDirectory"/> at a folder they share (a volume). Unset: ASP.NET Core's per-machine default, fine for one.
/// </summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    public string? KeyDirectory { get; set; }
}
