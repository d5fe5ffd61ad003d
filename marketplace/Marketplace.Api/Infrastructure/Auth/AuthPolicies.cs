using Marketplace.Api.Features.Accounts;

namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>One authorization policy per role.</summary>
public static class AuthPolicies
{
    public const string Buyer = "role:buyer";
    public const string Seller = "role:seller";
    public const string Admin = "role:admin";

    public static IServiceCollection AddMarketplaceAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Buyer, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Buyer))
            .AddPolicy(Seller, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Seller))
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}
