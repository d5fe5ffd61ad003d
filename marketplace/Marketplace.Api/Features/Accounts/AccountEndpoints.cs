using System.Security.Claims;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.RateLimiting;

namespace Marketplace.Api.Features.Accounts;

public static class AccountEndpoints
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>()
            .Bind(configuration.GetSection(AdminOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<User>, Microsoft.AspNetCore.Identity.PasswordHasher<User>>();
        services.AddRolePolicies();
        services.AddSingleton<AdminSeeder>();
        services.AddScoped<RegisterHandler>();
        services.AddScoped<LoginHandler>();
        services.AddScoped<BecomeSellerHandler>();
        services.AddScoped<CurrentUserHandler>();
        services.AddScoped<RoleChangeHandler>();
        services.AddScoped<LogoutHandler>();
        return services;
    }

    /// <summary>Seeds the configured admin at start-up; register it after the database initializer, which it needs.</summary>
    public static IServiceCollection AddAdminSeeding(this IServiceCollection services) =>
        services.AddHostedService(provider => provider.GetRequiredService<AdminSeeder>());

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/register", (RegisterRequest request, RegisterHandler handler, CancellationToken ct) =>
            handler.HandleAsync(request, ct)).WithName("Register")
            .RateLimited(RateLimitTarget.ByAddress(RateLimitPolicies.SignUpPerAddress),
                RateLimitTarget.ByAccount<RegisterRequest>(RateLimitPolicies.SignUpPerAccount, r => EmailAddress.AccountKey(r.Email)));
        auth.MapPost("/login", (LoginRequest request, LoginHandler handler, CancellationToken ct) =>
            handler.HandleAsync(request, ct)).WithName("Login")
            .RateLimited(RateLimitTarget.ByAddress(RateLimitPolicies.SignInPerAddress),
                RateLimitTarget.ByAccount<LoginRequest>(RateLimitPolicies.SignInPerAccount, r => EmailAddress.AccountKey(r.Email)));
        auth.MapPost("/become-seller", (ClaimsPrincipal user, BecomeSellerHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), ct)).WithName("BecomeSeller").RequireAuthorization();
        auth.MapGet("/me", (ClaimsPrincipal user, CurrentUserHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), ct)).WithName("CurrentUser").RequireAuthorization();
        auth.MapPost("/logout", (ClaimsPrincipal user, LogoutHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), ct)).WithName("Logout").RequireAuthorization();

        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(AuthPolicies.Admin);
        admin.MapPost("/users/{id:guid}/roles", (Guid id, GrantRoleRequest request, RoleChangeHandler handler, CancellationToken ct) =>
            handler.GrantAsync(id, request, ct)).WithName("GrantRole");
        admin.MapDelete("/users/{id:guid}/roles/{role}", (Guid id, string role, RoleChangeHandler handler, CancellationToken ct) =>
            handler.RevokeAsync(id, role, ct)).WithName("RevokeRole");
        return app;
    }
}
