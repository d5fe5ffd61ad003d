using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Marketplace.Api.Infrastructure.Redis;

/// <summary>
/// The process-wide multiplexer, connected on first use so the API starts even while Redis is down
/// (readiness reports it). <see cref="GetDatabaseAsync"/> hands out a key-prefixed view: no caller
/// can write outside <see cref="RedisOptions.KeyPrefix"/>.
/// </summary>
public sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;
    private readonly string _prefix;

    public RedisConnection(IConfiguration configuration, IOptions<RedisOptions> options)
    {
        var connectionString = configuration.GetConnectionString("Redis")
            ?? throw new InvalidOperationException(
                "ConnectionStrings:Redis is not set (environment ConnectionStrings__Redis; see scripts/services.sh env).");
        var settings = options.Value;
        var config = ConfigurationOptions.Parse(connectionString);
        config.AbortOnConnectFail = false;
        config.ConnectTimeout = settings.TimeoutMilliseconds;
        config.SyncTimeout = settings.TimeoutMilliseconds;
        config.AsyncTimeout = settings.TimeoutMilliseconds;
        // Without a connection, fail commands at once instead of queueing them until the timeout.
        config.BacklogPolicy = BacklogPolicy.FailFast;
        if (settings.KeyPrefix.AsSpan().IndexOfAny('{', '}') >= 0)
        {
            // A brace in the prefix would become every key's hash tag (all keys in one cluster slot) or break ours.
            throw new InvalidOperationException($"Redis:KeyPrefix '{settings.KeyPrefix}' must not contain '{{' or '}}' (they choose a key's Redis Cluster slot).");
        }

        _prefix = settings.KeyPrefix;
        _multiplexer = new Lazy<Task<IConnectionMultiplexer>>(
            async () => await ConnectionMultiplexer.ConnectAsync(config));
    }

    /// <summary>The key prefix every key of this API starts with (for clients that prefix keys themselves).</summary>
    public string KeyPrefix => _prefix;

    /// <summary>The shared multiplexer itself, for libraries that take one (the cache's L2 and backplane).</summary>
    public async Task<IConnectionMultiplexer> GetMultiplexerAsync() => await _multiplexer.Value;

    public async Task<IDatabase> GetDatabaseAsync()
    {
        var multiplexer = await _multiplexer.Value;
        return multiplexer.GetDatabase().WithKeyPrefix(_prefix);
    }

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            var multiplexer = await _multiplexer.Value;
            await multiplexer.DisposeAsync();
        }
    }
}
