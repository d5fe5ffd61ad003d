using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window counters in Redis, shared by every API instance on the same key prefix. A request's counts (say per
/// address and per account) are one script call per counter, sent together (one round trip on a single Redis; on a
/// Redis Cluster the counters live in different slots, which one script may not span), and the refusal is answered
/// with the longest wait. A refused request still counts, so a client that keeps hammering stays refused until it
/// pauses for a window.
/// </summary>
/// <remarks>
/// If Redis cannot be reached the request is let through (and logged): the limits protect the service,
/// they must not take sign-in and purchases down with Redis.
/// </remarks>
public sealed partial class RedisRateLimiter(
    RedisConnection redis, IOptionsMonitor<RateLimitOptions> options, RateLimitMetrics metrics, ILogger<RedisRateLimiter> logger)
{
    // ARGV[1] is the permit limit, ARGV[2] the window in ms. PEXPIRE only when the key has no expiry yet (a new
    // window), so the window is fixed from its first request. Returns the wait in ms when over the limit, else -1.
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          ttl = tonumber(ARGV[2])
          redis.call('PEXPIRE', KEYS[1], ttl)
        end
        if n > tonumber(ARGV[1]) and ttl > 0 then
          return ttl
        end
        return -1
        """;

    /// <summary>Counts the request in each partition; the refusal to answer with, or null when it may go on.</summary>
    public async Task<RateLimitRefusal?> TryAcquireAsync(IReadOnlyList<RateLimitPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return null;
        }

        var settings = options.CurrentValue;
        long[] waits;
        try
        {
            var db = await redis.GetDatabaseAsync();
            var counts = new Task<RedisResult>[partitions.Count];
            for (var i = 0; i < partitions.Count; i++)
            {
                var rule = settings.RuleFor(partitions[i].Policy);
                RedisKey key = $"ratelimit:{partitions[i].Policy}:{partitions[i].Key}";
                counts[i] = db.ScriptEvaluateAsync(CountScript, [key], [rule.PermitLimit, (long)rule.Window.TotalMilliseconds]);
            }

            waits = [.. (await Task.WhenAll(counts)).Select(r => (long)r)];
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisDown(logger, ex, string.Join(',', partitions.Select(p => p.Policy)));
            return null;
        }

        // The longest wait answers; the first partition wins a tie.
        var refused = -1;
        for (var i = 0; i < waits.Length; i++)
        {
            if (waits[i] > 0 && (refused < 0 || waits[i] > waits[refused]))
            {
                refused = i;
            }
        }

        if (refused < 0)
        {
            return null;
        }

        var policy = partitions[refused].Policy;
        metrics.Refused(policy);
        return RateLimitRefusal.Limited(policy, TimeSpan.FromMilliseconds(waits[refused]));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits {Policies} not checked: Redis unavailable; the request goes on")]
    private static partial void LogRedisDown(ILogger logger, Exception exception, string policies);
}
