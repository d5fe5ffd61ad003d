using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>Claim names as they appear in tokens (inbound claim mapping is off).</summary>
public static class MarketplaceClaims
{
    public const string Role = "role";
    public const string Subject = JwtRegisteredClaimNames.Sub;

    /// <summary>When the account was created (Unix seconds), so eligibility checks need no database read.</summary>
    public const string AccountCreated = "account_created";

    /// <summary>The user's security stamp when the token was issued (see <c>User.SecurityStamp</c>).</summary>
    public const string SecurityStamp = "sst";

    /// <summary>The authenticated user's id; endpoints calling this require authorization.</summary>
    public static Guid UserId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Subject), out var id)
            ? id
            : throw new InvalidOperationException("The principal carries no user id.");

    /// <summary>
    /// When the account was created; null for a token issued before the claim existed (such an account is
    /// treated as brand new until it signs in again).
    /// </summary>
    public static DateTimeOffset? AccountCreatedAt(this ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(AccountCreated), System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
