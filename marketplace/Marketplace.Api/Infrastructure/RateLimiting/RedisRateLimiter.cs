using System.Globalization;
using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>
/// Fixed-window counters in Redis, shared by every API instance on the same key prefix. One script takes
/// all of a request's counts (say per address and per account) in one round trip and answers the refusal
/// with the longest wait. A refused request still counts, so a client that keeps hammering stays refused
/// until it pauses for a window.
/// </summary>
/// <remarks>
/// If Redis cannot be reached the request is let through (and logged): the limits protect the service,
/// they must not take sign-in and purchases down with Redis.
/// </remarks>
public sealed partial class RedisRateLimiter(
    RedisConnection redis, IOptionsMonitor<RateLimitOptions> options, RateLimitMetrics metrics, ILogger<RedisRateLimiter> logger)
{
    // ARGV[2i-1] is KEYS[i]'s permit limit, ARGV[2i] its window in ms. PEXPIRE only when the key has no
    // expiry yet (a new window), so the window is fixed from its first request.
    private const string CountScript = """
        local refused, wait = 0, 0
        for i = 1, #KEYS do
          local n = redis.call('INCR', KEYS[i])
          local ttl = redis.call('PTTL', KEYS[i])
          if ttl < 0 then
            ttl = tonumber(ARGV[2 * i])
            redis.call('PEXPIRE', KEYS[i], ttl)
          end
          if n > tonumber(ARGV[2 * i - 1]) and ttl > wait then
            refused, wait = i, ttl
          end
        end
        return {refused, wait}
        """;

    /// <summary>Counts the request in each partition; the refusal to answer with, or null when it may go on.</summary>
    public async Task<RateLimitRefusal?> TryAcquireAsync(IReadOnlyList<RateLimitPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return null;
        }

        var settings = options.CurrentValue;
        var keys = new RedisKey[partitions.Count];
        var args = new RedisValue[partitions.Count * 2];
        for (var i = 0; i < partitions.Count; i++)
        {
            var rule = settings.RuleFor(partitions[i].Policy);
            keys[i] = $"ratelimit:{partitions[i].Policy}:{partitions[i].Key}";
            args[2 * i] = rule.PermitLimit;
            args[(2 * i) + 1] = (long)rule.Window.TotalMilliseconds;
        }

        RedisResult[] reply;
        try
        {
            var db = await redis.GetDatabaseAsync();
            reply = (RedisResult[])(await db.ScriptEvaluateAsync(CountScript, keys, args))!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisDown(logger, ex, string.Join(',', partitions.Select(p => p.Policy)));
            return null;
        }

        var refused = (int)reply[0];
        if (refused == 0)
        {
            return null;
        }

        var policy = partitions[refused - 1].Policy;
        metrics.Refused(policy);
        return RateLimitRefusal.Limited(policy, TimeSpan.FromMilliseconds(long.Parse(reply[1].ToString(), CultureInfo.InvariantCulture)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limits {Policies} not checked: Redis unavailable; the request goes on")]
    private static partial void LogRedisDown(ILogger logger, Exception exception, string policies);
}
