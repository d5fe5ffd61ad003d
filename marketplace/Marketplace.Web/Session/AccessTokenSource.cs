using Microsoft.AspNetCore.Components.Authorization;

namespace Marketplace.Web.Session;

/// <summary>
/// The signed-in user's API token, read from the authentication state: the request's cookie principal while a page
/// renders on the server, the circuit's principal while an interactive component runs. Null for a visitor.
/// </summary>
public sealed class AccessTokenSource(AuthenticationStateProvider authentication)
{
    public async Task<string?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirst(WebClaims.AccessToken)?.Value;
    }
}
