using System.Globalization;
using System.Text.Json;
using Marketplace.Api.Infrastructure.Redis;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// The Redis side of a sale: the purchase gate, priming, and the idempotent release. Each operation
/// is one Lua script, so it is atomic and one round trip; StackExchange.Redis sends prepared scripts
/// by SHA (EVALSHA) and reloads them itself after a server restart. Every script touches only its
/// sale's keys (one <c>{saleId}</c> hash tag, so one Redis Cluster slot); the keys outside that slot
/// (the reservation pointer, the index of sales) are written beside the scripts, never inside them.
/// </summary>
public sealed class FlashSaleGate(RedisConnection redis)
{
    /// <summary>
    /// The purchase gate (StackExchange.Redis named-parameter form; the benchmark runs it through
    /// redis-benchmark too). The order of checks decides which refusal a buyer sees: a buyer who
    /// already bought hears that, even once the sale is sold out. Eligibility (not the seller, account
    /// old enough: <c>@created</c> is the account's creation in ms) is checked here too, from the sale
    /// hash, so it costs no extra round trip; a sale primed before those fields existed has none.
    /// </summary>
    public const string ReserveSource = """
        local s = redis.call('HMGET', @sale, 'starts', 'ends', 'stock', 'listing', 'price', 'currency', 'seller', 'minage')
        if not s[1] then return {0} end
        local now = tonumber(@now)
        if now < tonumber(s[1]) or now >= tonumber(s[2]) then return {2} end
        if s[7] == @user then return {6} end
        if s[8] and now - tonumber(@created) < tonumber(s[8]) then return {7} end
        if redis.call('SISMEMBER', @buyers, @user) == 1 then return {3} end
        if tonumber(s[3]) <= 0 then return {4} end
        redis.call('HINCRBY', @sale, 'stock', -1)
        redis.call('SADD', @buyers, @user)
        redis.call('HSET', @reservations, @reservation, @record)
        redis.call('ZADD', @deadlines, @deadline, @reservation)
        return {1, s[4], s[5], s[6], redis.call('PTTL', @sale)}
        """;

    private static readonly LuaScript ReserveScript = LuaScript.Prepare(ReserveSource);

    // Creates the sale hash only if it is missing: priming twice, or racing, changes nothing.
    private static readonly LuaScript PrimeScript = LuaScript.Prepare("""
        if redis.call('EXISTS', @sale) == 1 then return 0 end
        redis.call('HSET', @sale, 'starts', @starts, 'ends', @ends, 'stock', @stock, 'total', @total,
            'listing', @listing, 'price', @price, 'currency', @currency, 'seller', @seller, 'minage', @minage)
        redis.call('PEXPIREAT', @sale, @expires)
        return 1
        """);

    // Removes a reservation; only the call that finds it returns its stock, so release is idempotent.
    private static readonly LuaScript ReleaseScript = LuaScript.Prepare("""
        redis.call('ZREM', @deadlines, @reservation)
        if redis.call('HDEL', @reservations, @reservation) == 0 then return 0 end
        if @returnStock == '1' then redis.call('HINCRBY', @sale, 'stock', 1) end
        if @removeBuyer == '1' then redis.call('SREM', @buyers, @user) end
        return 1
        """);

    private static readonly LuaScript ReturnUnitScript = LuaScript.Prepare("""
        if redis.call('EXISTS', @sale) == 0 then return 0 end
        redis.call('HINCRBY', @sale, 'stock', 1)
        return 1
        """);

    /// <summary>How long Redis keeps a sale's keys after it ends (reservations settle long before).</summary>
    public static readonly TimeSpan KeepAfterEnd = TimeSpan.FromDays(7);

    /// <summary>
    /// Runs the gate. On a reservation it also points <c>flash:reservation:&lt;id&gt;</c> at the sale (for
    /// GET /api/reservations/{id}, which knows only the id) with the sale keys' lifetime. The pointer lives in
    /// another cluster slot, so it is set after the script, fire-and-forget: the answer waits for no second
    /// round trip, and a pointer that never lands only means the lookup answers from PostgreSQL once the order
    /// is decided.
    /// </summary>
    public async Task<GateResult> ReserveAsync(Guid saleId, Buyer buyer, Guid reservationId, DateTimeOffset now, DateTimeOffset deadline)
    {
        var userId = buyer.UserId;
        var keys = new FlashSaleKeys(saleId);
        var record = JsonSerializer.Serialize(
            new ReservationRecord(userId, now.ToUnixTimeMilliseconds(), deadline.ToUnixTimeMilliseconds()),
            FlashSaleJson.Options);
        var db = await redis.GetDatabaseAsync();
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(ReserveScript, new
        {
            sale = keys.Sale,
            buyers = keys.Buyers,
            reservations = keys.Reservations,
            deadlines = keys.Deadlines,
            user = userId.ToString("N"),
            reservation = reservationId.ToString("N"),
            record,
            now = now.ToUnixTimeMilliseconds(),
            deadline = deadline.ToUnixTimeMilliseconds(),
            // No creation time (an old token): as new as can be, so a minimum age keeps it out.
            created = (buyer.AccountCreatedAt ?? now).ToUnixTimeMilliseconds(),
        }))!;
        var outcome = (GateOutcome)(int)reply[0];
        if (outcome != GateOutcome.Reserved)
        {
            return new GateResult(outcome, Guid.Empty, 0, "");
        }

        var ttl = (long)reply[4];
        Expiration lifetime = ttl > 0 ? TimeSpan.FromMilliseconds(ttl) : default;
        db.StringSet(FlashSaleKeys.ReservationSale(reservationId), saleId.ToString("N"), lifetime, flags: CommandFlags.FireAndForget);
        return new GateResult(outcome, Guid.Parse((string)reply[1]!),
            decimal.Parse((string)reply[2]!, CultureInfo.InvariantCulture), (string)reply[3]!);
    }

    /// <summary>
    /// Writes the sale into Redis unless it is there: buyers first (a repeat SADD is harmless), then
    /// the sale hash, which is what makes the gate open, then the sale's entry in the index the
    /// reconciler walks. The index is a global key (another cluster slot), so it is added after the
    /// script, every time: a prime that lost it puts it back.
    /// </summary>
    public async Task<bool> PrimeAsync(FlashSale sale, Guid sellerId, IReadOnlyCollection<Guid> buyers)
    {
        var keys = new FlashSaleKeys(sale.Id);
        var db = await redis.GetDatabaseAsync();
        var expires = (sale.EndsAt + KeepAfterEnd).ToUnixTimeMilliseconds();
        if (buyers.Count > 0)
        {
            foreach (var chunk in buyers.Chunk(1000))
            {
                await db.SetAddAsync(keys.Buyers, [.. chunk.Select(b => (RedisValue)b.ToString("N"))]);
            }
        }

        await db.KeyExpireAsync(keys.Buyers, (sale.EndsAt + KeepAfterEnd).UtcDateTime);
        var created = (int)await db.ScriptEvaluateAsync(PrimeScript, new
        {
            sale = keys.Sale,
            starts = sale.StartsAt.ToUnixTimeMilliseconds(),
            ends = sale.EndsAt.ToUnixTimeMilliseconds(),
            stock = sale.Stock,
            total = sale.TotalStock,
            listing = sale.ListingId.ToString("N"),
            price = sale.Price.Amount.ToString(CultureInfo.InvariantCulture),
            currency = sale.Price.Currency,
            seller = sellerId.ToString("N"),
            minage = (long)TimeSpan.FromMinutes(sale.MinAccountAgeMinutes).TotalMilliseconds,
            expires,
        });
        await db.SetAddAsync(FlashSaleKeys.Index, sale.Id.ToString("N"));
        return created == 1;
    }

    /// <summary>
    /// Drops a reservation from Redis. <paramref name="returnStock"/> puts its unit back (a release);
    /// <paramref name="removeBuyer"/> lets the buyer try again. False when it was already gone. The
    /// pointer's DEL (another slot) is sent with the script, so both share one round trip.
    /// </summary>
    public async Task<bool> ReleaseAsync(Guid saleId, Guid reservationId, Guid userId, bool returnStock, bool removeBuyer)
    {
        var keys = new FlashSaleKeys(saleId);
        var db = await redis.GetDatabaseAsync();
        var pointer = db.KeyDeleteAsync(FlashSaleKeys.ReservationSale(reservationId));
        var released = (int)await db.ScriptEvaluateAsync(ReleaseScript, new
        {
            sale = keys.Sale,
            buyers = keys.Buyers,
            reservations = keys.Reservations,
            deadlines = keys.Deadlines,
            reservation = reservationId.ToString("N"),
            user = userId.ToString("N"),
            returnStock = returnStock ? "1" : "0",
            removeBuyer = removeBuyer ? "1" : "0",
        });
        await pointer;
        return released == 1;
    }

    /// <summary>Stock left to reserve in Redis; null when the sale is not primed.</summary>
    public async Task<int?> StockAsync(Guid saleId)
    {
        var db = await redis.GetDatabaseAsync();
        var value = await db.HashGetAsync(new FlashSaleKeys(saleId).Sale, "stock");
        return value.IsNull ? null : (int)value;
    }

    /// <summary>
    /// <see cref="StockAsync"/> for many sales at once (null for one not primed), in the order given. The reads are
    /// issued together, so the multiplexer pipelines them: one round trip for a page of sales, not one per sale.
    /// </summary>
    public async Task<IReadOnlyList<int?>> StocksAsync(IReadOnlyList<Guid> saleIds)
    {
        if (saleIds.Count == 0)
        {
            return [];
        }

        var db = await redis.GetDatabaseAsync();
        var values = await Task.WhenAll(saleIds.Select(id => db.HashGetAsync(new FlashSaleKeys(id).Sale, "stock")));
        return [.. values.Select(value => value.IsNull ? (int?)null : (int)value)];
    }

    /// <summary>
    /// Gives one unit of a cancelled order back to Redis. The buyer stays recorded: one order per
    /// buyer per sale, cancelled or not. A sale missing from Redis is left alone (priming reads the
    /// stock from PostgreSQL, which already has the unit back).
    /// </summary>
    public async Task<bool> ReturnUnitAsync(Guid saleId)
    {
        var db = await redis.GetDatabaseAsync();
        return (int)await db.ScriptEvaluateAsync(ReturnUnitScript, new { sale = new FlashSaleKeys(saleId).Sale }) == 1;
    }
}
