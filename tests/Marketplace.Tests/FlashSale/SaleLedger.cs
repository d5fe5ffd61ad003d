using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Infrastructure.Redis;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// Everything one sale left behind, read straight from PostgreSQL and Redis (not through the API),
/// so invariants are checked against the stores themselves.
/// </summary>
public sealed record SaleLedger(
    int TotalStock,
    int PgStock,
    IReadOnlyList<(Guid OrderId, Guid ReservationId, Guid BuyerId, string State)> Orders,
    IReadOnlyDictionary<Guid, string> Decisions,
    int? RedisStock,
    long PendingInRedis,
    long RedisBuyers)
{
    public int LiveOrders => Orders.Count(o => o.State is not ("CANCELLED" or "REFUNDED"));

    public int Released => Decisions.Values.Count(s => s == ReservationStatus.Released);

    public static async Task<SaleLedger> ReadAsync(MarketplaceApiFactory api, Guid saleId)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(api.DatabaseName));
        await connection.OpenAsync();
        // One snapshot for every PostgreSQL read, so a consumer commit cannot land between them.
        await using var snapshot = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        int total, stock;
        await using (var sale = new NpgsqlCommand("SELECT total_stock, stock FROM flash_sales WHERE id = @id", connection, snapshot))
        {
            sale.Parameters.AddWithValue("id", saleId);
            await using var reader = await sale.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync(), $"sale {saleId} missing");
            (total, stock) = (reader.GetInt32(0), reader.GetInt32(1));
        }

        var orders = new List<(Guid, Guid, Guid, string)>();
        await using (var command = new NpgsqlCommand(
            "SELECT id, reservation_id, buyer_id, state FROM orders WHERE flash_sale_id = @id", connection, snapshot))
        {
            command.Parameters.AddWithValue("id", saleId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                orders.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3)));
            }
        }

        var decisions = new Dictionary<Guid, string>();
        await using (var command = new NpgsqlCommand("SELECT id, status FROM flash_reservations WHERE sale_id = @id", connection, snapshot))
        {
            command.Parameters.AddWithValue("id", saleId);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                decisions[reader.GetGuid(0)] = reader.GetString(1);
            }
        }

        var redis = await api.Services.GetRequiredService<RedisConnection>().GetDatabaseAsync();
        var keys = new FlashSaleKeys(saleId);
        var redisStock = await redis.HashGetAsync(keys.Sale, "stock");
        return new SaleLedger(total, stock, orders, decisions,
            redisStock.IsNull ? null : (int)redisStock,
            await redis.HashLengthAsync(keys.Reservations),
            await redis.SetLengthAsync(keys.Buyers));
    }

    /// <summary>Polls until <paramref name="done"/> holds or the timeout passes; returns the last ledger.</summary>
    public static async Task<SaleLedger> WaitForAsync(
        MarketplaceApiFactory api, Guid saleId, Func<SaleLedger, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            SaleLedger ledger;
            try
            {
                ledger = await ReadAsync(api, saleId);
            }
            catch (StackExchange.Redis.RedisTimeoutException) when (DateTime.UtcNow < deadline)
            {
                continue; // a slow poll on a loaded machine is not a verdict; the next one decides
            }

            if (done(ledger) || DateTime.UtcNow > deadline)
            {
                return ledger;
            }

            await Task.Delay(200);
        }
    }
}
