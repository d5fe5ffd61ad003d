using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>
/// Refuses a validly signed token whose security stamp is no longer the user's (signed out, roles changed) or that
/// carries none, so a token stops working before it expires.
/// </summary>
public sealed class SecurityStampCheck(SecurityStamps stamps) : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal;
        if (principal is null
            || !Guid.TryParse(principal.FindFirst(MarketplaceClaims.Subject)?.Value, out var userId)
            || !Guid.TryParse(principal.FindFirst(MarketplaceClaims.SecurityStamp)?.Value, out var presented))
        {
            context.Fail("The token carries no security stamp.");
            return;
        }

        var current = await stamps.CurrentAsync(userId, context.HttpContext.RequestAborted);
        if (current != presented)
        {
            context.Fail("The token has been revoked.");
        }
    }
}
