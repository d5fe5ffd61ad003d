using OpenTelemetry.Metrics;

namespace Marketplace.Api.Infrastructure.Messaging;

public static class KafkaSetup
{
    public static IServiceCollection AddMarketplaceKafka(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<KafkaCluster>();
        services.AddSingleton<DurableKafkaProducer>();
        services.AddSingleton<DeadLetterQueue>();
        services.AddSingleton<KafkaConsumerMetrics>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(KafkaConsumerMetrics.MeterName));
        return services;
    }
}
