using Marketplace.Alipay.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Alipay;

public static class AlipayServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Alipay</c> options (validated at start-up), and registers <see cref="AlipayKeyRing"/>,
    /// <see cref="AlipayNotificationVerifier"/> and a typed <see cref="AlipayClient"/> over <c>IHttpClientFactory</c>.
    /// Returns the client's builder so callers can add resilience handlers.
    /// </summary>
    public static IHttpClientBuilder AddAlipay(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlipayOptions>().Bind(configuration.GetSection(AlipayOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AlipayOptions>, AlipayOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AlipayKeyRing>();
        services.TryAddSingleton<AlipayNotificationVerifier>();
        return services.AddHttpClient<AlipayClient>();
    }
}
