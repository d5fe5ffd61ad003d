using System.Security.Claims;
using Marketplace.Web.Api;
using Marketplace.Web.Api.Contracts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Web.Session;

/// <summary>
/// Turns an API token into the front-end's cookie session: the token, the user's id, name, email and roles (as the
/// API reports them, so a role granted later shows after the next sign-in), expiring when the token does.
/// </summary>
public sealed class SignInFlow(MarketplaceApi api)
{
    public async Task<ApiProblem?> SignInAsync(HttpContext context, string? email, string? password, CancellationToken cancellationToken)
    {
        var login = await api.PostAsync<TokenResponse>("api/auth/login", new LoginRequest(email, password), cancellationToken);
        return login.Ok ? await StartSessionAsync(context, login.Value, cancellationToken) : login.Problem;
    }

    /// <summary>Signs in with a token the API just issued (after sign-in, or a new one after a role change).</summary>
    public async Task<ApiProblem?> StartSessionAsync(HttpContext context, TokenResponse token, CancellationToken cancellationToken)
    {
        var me = await api.GetWithTokenAsync<UserResponse>("api/auth/me", token.AccessToken, cancellationToken);
        if (!me.Ok)
        {
            return me.Problem;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, me.Value.UserId.ToString()),
            new(ClaimTypes.Name, me.Value.DisplayName),
            new(ClaimTypes.Email, me.Value.Email),
            new(WebClaims.AccessToken, token.AccessToken),
        };
        claims.AddRange(me.Value.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, new AuthenticationProperties
        {
            IsPersistent = false,
            // A few seconds early, so the cookie never outlives the token inside it.
            ExpiresUtc = DateTimeOffset.UtcNow.AddSeconds(Math.Max(30, token.ExpiresIn - 30)),
        });
        return null;
    }

    /// <summary>Ends the API session (its tokens stop working everywhere) and drops the cookie.</summary>
    public async Task SignOutAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            await api.PostAsync<NoContent>("api/auth/logout", null, cancellationToken);
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
