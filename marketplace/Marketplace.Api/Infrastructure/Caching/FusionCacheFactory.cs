using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using ZiggyCreatures.Caching.Fusion;
using ZiggyCreatures.Caching.Fusion.Backplane.StackExchangeRedis;
using ZiggyCreatures.Caching.Fusion.Serialization.SystemTextJson;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Assembles the FusionCache instance: a size-bounded W-TinyLFU cache as L1, Redis (through the API's
/// own multiplexer, under its key prefix) as L2, and the Redis pub/sub backplane that evicts other
/// instances' L1 copies on every set and remove.
/// </summary>
public static class FusionCacheFactory
{
    public static IFusionCache Create(IServiceProvider provider)
    {
        var settings = provider.GetRequiredService<IOptions<CacheOptions>>().Value;
        var redis = provider.GetRequiredService<RedisConnection>();
        var loggers = provider.GetRequiredService<ILoggerFactory>();

        // W-TinyLFU (BitFaster.Caching) bounded to L1MaxEntries, not MemoryCache's LRU compaction.
        var memory = new LfuMemoryCache((int)settings.L1MaxEntries, provider.GetRequiredService<TimeProvider>());
        var fusion = new FusionCache(Options.Create(new FusionCacheOptions
        {
            CacheName = "marketplace",
            BackplaneChannelPrefix = redis.KeyPrefix + "cache",
            // Failed deletes are retried through Kafka (durable, shared), not FusionCache's in-memory queue.
            EnableAutoRecovery = false,
            DefaultEntryOptions = new FusionCacheEntryOptions
            {
                Duration = settings.PhysicalTtl,
                Size = 1,
                IsFailSafeEnabled = false,
            },
        }), memory, loggers.CreateLogger<FusionCache>());

        var distributed = new RedisCache(Options.Create(new RedisCacheOptions
        {
            ConnectionMultiplexerFactory = redis.GetMultiplexerAsync,
            InstanceName = redis.KeyPrefix + "cache:",
        }));
        fusion.SetupDistributedCache(distributed, new FusionCacheSystemTextJsonSerializer());
        fusion.SetupBackplane(new RedisBackplane(
            Options.Create(new RedisBackplaneOptions { ConnectionMultiplexerFactory = redis.GetMultiplexerAsync }),
            loggers.CreateLogger<RedisBackplane>()));
        return fusion;
    }
}
