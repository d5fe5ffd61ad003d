namespace Marketplace.Web.Session;

/// <summary>Where to go after signing in: the page asked for if it is on this site, else the shop (no open redirect).</summary>
public static class LocalReturn
{
    public static string Of(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
