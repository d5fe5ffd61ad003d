using StackExchange.Redis;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Finds and deletes a test's keys on a single Redis or a Redis Cluster alike: a scan covers every primary (on a
/// cluster each holds a share of the slots), and keys are deleted one per command (a multi-key DEL must stay in one slot).
/// </summary>
public static class RedisKeyspace
{
    public static async Task<IReadOnlyList<RedisKey>> ScanAsync(IConnectionMultiplexer redis, string pattern)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var keys = new List<RedisKey>();
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: pattern))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    public static async Task DeleteAsync(IConnectionMultiplexer redis, IEnumerable<RedisKey> keys)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var db = redis.GetDatabase();
        // Issued together, so the multiplexer pipelines them: one round trip per node, not per key.
        await Task.WhenAll(keys.Select(key => db.KeyDeleteAsync(key)));
    }
}
