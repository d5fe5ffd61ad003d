using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Marketplace.Api.Infrastructure.Auth;

public static class AuthenticationSetup
{
    public static IServiceCollection AddMarketplaceAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>()
            .Bind(configuration.GetSection(JwtOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SecurityStamps>();
        services.AddSingleton<SecurityStampCheck>();
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        return services;
    }
}
