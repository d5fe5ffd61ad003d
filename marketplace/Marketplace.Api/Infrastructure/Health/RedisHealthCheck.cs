using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.Health;

/// <summary>
/// Ready when Redis accepts a write and reads it back (under the API's key prefix). Each probe writes a key
/// of its own: with one shared key, two probes at once read each other's value and reported Redis down.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis, TimeProvider time) : IHealthCheck
{
    public const string ProbeKey = "health:readyz";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var db = await redis.GetDatabaseAsync();
            var stamp = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var key = $"{ProbeKey}:{Guid.NewGuid():N}";
            // Left to expire (not deleted), so the probe stays one write and one read.
            await db.StringSetAsync(key, stamp, TimeSpan.FromSeconds(10));
            var read = await db.StringGetAsync(key);
            return read == stamp
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Redis did not return the value just written.");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", ex);
        }
    }
}
