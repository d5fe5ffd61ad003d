using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.FlashSale;

/// <summary>With Redis unreachable the sale list still answers, with PostgreSQL's stock count.</summary>
public sealed class FlashSaleListWithoutRedisTests(DeadRedisApiFactory api) : IClassFixture<DeadRedisApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_list_falls_back_to_the_database_count()
    {
        // Written straight to PostgreSQL: creating a sale through the API primes Redis, which is down here.
        var listingId = Guid.NewGuid();
        var saleId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        // The seeded admin is the only account; any account may own a listing in the table.
        await api.ScalarAsync("""
            INSERT INTO listings (id, seller_id, title, kind, game, description, price_amount, price_currency, stock, status, created_at, updated_at, version)
            SELECT @id, id, 'Offline sword', 'item', 'Offline game', '', 10, 'USD', 0, 'ACTIVE', @now, @now, 1 FROM users LIMIT 1
            """, new NpgsqlParameter("id", listingId), new NpgsqlParameter("now", now));
        await api.ScalarAsync("""
            INSERT INTO flash_sales (id, listing_id, price_amount, price_currency, total_stock, stock, starts_at, ends_at, per_user_limit,
                                     min_account_age_minutes, created_at, version)
            VALUES (@id, @listing, 5, 'USD', 10, 6, @now - interval '1 minute', @now + interval '1 hour', 1, 0, @now, 1)
            """, new NpgsqlParameter("id", saleId), new NpgsqlParameter("listing", listingId), new NpgsqlParameter("now", now));

        using var response = await api.CreateClient().GetAsync("/api/flash-sales?status=live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sale = Assert.Single((await response.Content.ReadFromJsonAsync<FlashSalePage>(Ct))!.Items);
        Assert.Equal((saleId, "Offline sword", "Offline game", 10, 6), (sale.Id, sale.ListingTitle, sale.Game, sale.Stock, sale.RemainingStock));
    }
}
