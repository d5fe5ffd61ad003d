namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>
/// The lock's Redis side, each step one atomic script on a hash <c>{token → hold count}</c> with a
/// millisecond expiry (the lease). KEYS[1] = lock key, ARGV[1] = lease ms, ARGV[2] = owner token.
/// </summary>
internal static class RedisLockScripts
{
    /// <summary>
    /// Free, or already ours: count +1 and reset the lease; returns the new hold count (≥ 1).
    /// Held by another: returns -(remaining lease ms) - 1 (≤ -1).
    /// </summary>
    public const string Acquire = """
        if redis.call('exists', KEYS[1]) == 0 or redis.call('hexists', KEYS[1], ARGV[2]) == 1 then
          local count = redis.call('hincrby', KEYS[1], ARGV[2], 1)
          redis.call('pexpire', KEYS[1], ARGV[1])
          return count
        end
        local ttl = redis.call('pttl', KEYS[1])
        if ttl < 0 then ttl = 0 end
        return -ttl - 1
        """;

    /// <summary>
    /// Only the owner may release (compare, then decrement or delete). Returns -1 when the token does
    /// not hold the lock, else the remaining hold count (0: the lock is deleted and free).
    /// </summary>
    public const string Release = """
        if redis.call('hexists', KEYS[1], ARGV[2]) == 0 then
          return -1
        end
        local count = redis.call('hincrby', KEYS[1], ARGV[2], -1)
        if count > 0 then
          redis.call('pexpire', KEYS[1], ARGV[1])
          return count
        end
        redis.call('del', KEYS[1])
        return 0
        """;

    /// <summary>The watchdog's renewal: 1 when the token still holds the lock (lease reset), else 0.</summary>
    public const string Renew = """
        if redis.call('hexists', KEYS[1], ARGV[2]) == 1 then
          redis.call('pexpire', KEYS[1], ARGV[1])
          return 1
        end
        return 0
        """;
}
