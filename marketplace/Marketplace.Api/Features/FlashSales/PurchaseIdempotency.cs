using System.Text.Json;
using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// First answers per (user, sale, Idempotency-Key) in Redis with a TTL. The first stored answer wins
/// (SET NX): a later writer gets the stored one back and must return that. The sale is part of the
/// key, so a key reused for another sale is a new purchase there, never the first sale's answer.
/// </summary>
public sealed class PurchaseIdempotency(RedisConnection redis, IOptions<FlashSalesOptions> options)
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxKeyLength = 128;

    /// <summary>Visible ASCII only, so the key is safe inside a Redis key and a log line.</summary>
    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength && key.All(c => c is > ' ' and <= '~');

    public async Task<PurchaseOutcome?> FindAsync(Guid userId, Guid saleId, string key)
    {
        var db = await redis.GetDatabaseAsync();
        var stored = await db.StringGetAsync(Key(userId, saleId, key));
        return stored.IsNull ? null : JsonSerializer.Deserialize<PurchaseOutcome>((string)stored!, FlashSaleJson.Options);
    }

    /// <summary>Stores <paramref name="outcome"/> unless an answer is already stored; returns the one that counts.</summary>
    public async Task<PurchaseOutcome> SaveFirstAsync(Guid userId, Guid saleId, string key, PurchaseOutcome outcome)
    {
        var db = await redis.GetDatabaseAsync();
        var json = JsonSerializer.Serialize(outcome, FlashSaleJson.Options);
        var ttl = TimeSpan.FromSeconds(options.Value.IdempotencyTtlSeconds);
        if (await db.StringSetAsync(Key(userId, saleId, key), json, ttl, When.NotExists))
        {
            return outcome;
        }

        return await FindAsync(userId, saleId, key) ?? outcome;
    }

    private static RedisKey Key(Guid userId, Guid saleId, string key) => $"idempotency:flash-purchase:{userId:N}:{saleId:N}:{key}";
}
