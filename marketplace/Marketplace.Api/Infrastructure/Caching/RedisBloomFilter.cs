using System.Globalization;
using Marketplace.Api.Infrastructure.Redis;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// One region's bloom filter, held in Redis so every instance shares it. The key names carry m and
/// k: instances configured differently use different filters instead of misreading one another's.
/// </summary>
public sealed class RedisBloomFilter(string region, BloomFilterShape shape, RedisConnection redis)
{
    private const int RebuildBatch = 512;

    // The filter's name is its hash tag: its scripts (and the rebuild's RENAME) touch the bitmap and its ":ready",
    // ":rebuilding" and ":next" keys together, which a Redis Cluster allows only within one slot.
    private readonly string _bitmap = $"cache:bloom:{{{region}:m{shape.Bits}k{shape.Hashes}}}";
    private long _lastKnownCount = -1;

    public string Region { get; } = region;

    public BloomFilterShape Shape { get; } = shape;

    /// <summary>Ids in the filter when last seen (-1: not seen yet), for the estimated false-positive rate.</summary>
    public long LastKnownCount => Interlocked.Read(ref _lastKnownCount);

    /// <summary>The filter's keys (without the connection's prefix): bitmap, ready, rebuilding, next.</summary>
    internal IReadOnlyList<RedisKey> Keys => [_bitmap, Ready, Rebuilding, Next];

    private RedisKey Ready => _bitmap + ":ready";

    private RedisKey Rebuilding => _bitmap + ":rebuilding";

    private RedisKey Next => _bitmap + ":next";

    private RedisKey RebuildLock => _bitmap + ":rebuild-lock";

    public async Task<BloomAnswer> MightContainAsync(Guid id)
    {
        var offsets = OffsetsOf(id);
        // One more try after a timeout (a busy Redis), none after a connection failure (a dead one):
        // an unanswered check lets the read through to L2 and PostgreSQL.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var db = await redis.GetDatabaseAsync();
                var result = (long)await db.ScriptEvaluateAsync(BloomScripts.Check, [_bitmap, Ready], offsets);
                return result switch
                {
                    0 => BloomAnswer.Absent,
                    1 => BloomAnswer.MaybePresent,
                    _ => BloomAnswer.Unknown,
                };
            }
            catch (RedisTimeoutException) when (attempt == 1)
            {
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
            {
                return BloomAnswer.Unknown;
            }
        }
    }

    /// <summary>Adds an id; throws when Redis cannot be reached (the caller queues a retry).</summary>
    public async Task AddAsync(Guid id)
    {
        var db = await redis.GetDatabaseAsync();
        await db.ScriptEvaluateAsync(BloomScripts.Add, [_bitmap, Ready, Rebuilding, Next], OffsetsOf(id));
        if (LastKnownCount >= 0)
        {
            Interlocked.Increment(ref _lastKnownCount);
        }
    }

    /// <summary>Whether a complete filter is in Redis (false when it is not, or Redis cannot say).</summary>
    public async Task<bool> IsReadyAsync()
    {
        var db = await redis.GetDatabaseAsync();
        var count = await db.StringGetAsync(Ready);
        if (count.IsNull)
        {
            return false;
        }

        Interlocked.Exchange(ref _lastKnownCount, (long)count);
        return true;
    }

    /// <summary>
    /// Builds a fresh bitmap from <paramref name="ids"/> beside the live one and swaps it in. Ids
    /// added while it runs go to both (the rebuilding marker is set before the ids are read). One
    /// rebuild at a time across instances: null when another holds the lock.
    /// </summary>
    public async Task<long?> RebuildAsync(IAsyncEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var db = await redis.GetDatabaseAsync();
        var token = Guid.NewGuid().ToString("N");
        if (!await db.StringSetAsync(RebuildLock, token, TimeSpan.FromMinutes(10), When.NotExists))
        {
            return null;
        }

        try
        {
            await db.KeyDeleteAsync(Next);
            await db.StringSetAsync(Rebuilding, token, TimeSpan.FromMinutes(10));
            long count = 0;
            var batch = new List<RedisValue>(RebuildBatch * Shape.Hashes);
            await foreach (var id in ids.WithCancellation(cancellationToken))
            {
                batch.AddRange(OffsetsOf(id));
                count++;
                if (batch.Count >= RebuildBatch * Shape.Hashes)
                {
                    await db.ScriptEvaluateAsync(BloomScripts.AddMany, [Next], [.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                await db.ScriptEvaluateAsync(BloomScripts.AddMany, [Next], [.. batch]);
            }

            await db.ScriptEvaluateAsync(BloomScripts.Finish, [Next, _bitmap, Ready, Rebuilding],
                [count.ToString(CultureInfo.InvariantCulture)]);
            Interlocked.Exchange(ref _lastKnownCount, count);
            return count;
        }
        finally
        {
            await db.ScriptEvaluateAsync(BloomScripts.ReleaseLock, [RebuildLock], [token]);
        }
    }

    private RedisValue[] OffsetsOf(Guid id)
    {
        Span<long> offsets = stackalloc long[Shape.Hashes];
        Shape.Offsets(id, offsets);
        var values = new RedisValue[offsets.Length];
        for (var i = 0; i < offsets.Length; i++)
        {
            values[i] = offsets[i];
        }

        return values;
    }
}
