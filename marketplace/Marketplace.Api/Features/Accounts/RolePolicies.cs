using Marketplace.Api.Infrastructure.Auth;

namespace Marketplace.Api.Features.Accounts;

/// <summary>Defines each <see cref="AuthPolicies"/> policy: an authenticated user holding that role.</summary>
public static class RolePolicies
{
    public static IServiceCollection AddRolePolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Buyer, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Buyer))
            .AddPolicy(AuthPolicies.Seller, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Seller))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}
