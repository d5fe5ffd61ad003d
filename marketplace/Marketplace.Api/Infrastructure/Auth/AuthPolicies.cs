namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>
/// The authorization policy names endpoints require, one per role. What each policy requires is defined where the
/// roles live (Accounts' <c>RolePolicies</c>), so infrastructure knows no feature.
/// </summary>
public static class AuthPolicies
{
    public const string Buyer = "role:buyer";
    public const string Seller = "role:seller";
    public const string Admin = "role:admin";
}
