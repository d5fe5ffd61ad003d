namespace Marketplace.Web.Session;

/// <summary>Claim types of the front-end's cookie principal beside the standard ones (id, name, email, role).</summary>
public static class WebClaims
{
    /// <summary>The marketplace API's bearer token. It lives only in the encrypted, HTTP-only cookie and on the server.</summary>
    public const string AccessToken = "marketplace_access_token";

    public const string Buyer = "buyer";
    public const string Seller = "seller";
    public const string Admin = "admin";
}
