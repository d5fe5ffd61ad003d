using Marketplace.Alipay;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Startup;

public static class ProductionSettingsSetup
{
    /// <summary>Registers <see cref="ProductionSettingsValidator"/> for each options type it checks.</summary>
    public static IServiceCollection AddProductionSettingsRules(this IServiceCollection services)
    {
        services.AddSingleton<ProductionSettingsValidator>();
        services.AddSingleton<IValidateOptions<JwtOptions>>(sp => sp.GetRequiredService<ProductionSettingsValidator>());
        services.AddSingleton<IValidateOptions<KafkaOptions>>(sp => sp.GetRequiredService<ProductionSettingsValidator>());
        services.AddSingleton<IValidateOptions<AlipayOptions>>(sp => sp.GetRequiredService<ProductionSettingsValidator>());
        return services;
    }
}
