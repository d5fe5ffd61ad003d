namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// The bloom filter's Redis side: a plain bitmap (SETBIT/GETBIT; this Redis has no RedisBloom
/// module), touched by Lua so each check or add is one round trip.
/// </summary>
internal static class BloomScripts
{
    /// <summary>
    /// KEYS: bitmap, ready. ARGV: the k offsets. -1: no complete filter in Redis (never built, or
    /// Redis lost it), so the caller cannot trust a 0; 0: definitely absent; 1: maybe present.
    /// </summary>
    public const string Check = """
        if redis.call('EXISTS', KEYS[2]) == 0 then return -1 end
        for i = 1, #ARGV do
          if redis.call('GETBIT', KEYS[1], ARGV[i]) == 0 then return 0 end
        end
        return 1
        """;

    /// <summary>
    /// KEYS: bitmap, ready, rebuilding marker, next bitmap. ARGV: the k offsets. While a rebuild
    /// runs the id also goes into the bitmap being built, so the swap cannot lose it.
    /// </summary>
    public const string Add = """
        for i = 1, #ARGV do redis.call('SETBIT', KEYS[1], ARGV[i], 1) end
        if redis.call('EXISTS', KEYS[3]) == 1 then
          for i = 1, #ARGV do redis.call('SETBIT', KEYS[4], ARGV[i], 1) end
        end
        if redis.call('EXISTS', KEYS[2]) == 1 then redis.call('INCR', KEYS[2]) end
        return 1
        """;

    /// <summary>KEYS: next bitmap. ARGV: offsets of a batch of ids.</summary>
    public const string AddMany = """
        for i = 1, #ARGV do redis.call('SETBIT', KEYS[1], ARGV[i], 1) end
        return #ARGV
        """;

    /// <summary>
    /// KEYS: next bitmap, bitmap, ready, rebuilding marker. ARGV: ids counted. Swaps the new
    /// bitmap in and marks the filter complete, in one step.
    /// </summary>
    public const string Finish = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          redis.call('RENAME', KEYS[1], KEYS[2])
        else
          redis.call('DEL', KEYS[2])
        end
        redis.call('SET', KEYS[3], ARGV[1])
        redis.call('DEL', KEYS[4])
        return 1
        """;

    /// <summary>KEYS: lock. ARGV: token. Deletes the lock only while this holder still owns it.</summary>
    public const string ReleaseLock = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;
}
