namespace Marketplace.Api.Features.Accounts;

/// <summary>The roles a user can hold; carried as <c>role</c> claims in access tokens.</summary>
public static class Roles
{
    public const string Buyer = "buyer";
    public const string Seller = "seller";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Buyer, Seller, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
