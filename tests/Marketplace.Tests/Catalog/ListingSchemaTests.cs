using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Catalog;

/// <summary>What the migrations built: money columns, concurrency column, and the browse indexes.</summary>
public sealed class ListingSchemaTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task Money_is_stored_as_numeric_and_char3_with_an_integer_version()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT column_name, data_type, numeric_precision, numeric_scale, character_maximum_length
            FROM information_schema.columns
            WHERE table_name = 'listings' AND column_name IN ('price_amount', 'price_currency', 'version')
            ORDER BY column_name
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var columns = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            columns.Add($"{reader.GetString(0)}:{reader.GetString(1)}:{reader.GetValue(2)}:{reader.GetValue(3)}:{reader.GetValue(4)}");
        }

        Assert.Equal(
            ["price_amount:numeric:18:4:", "price_currency:character:::3", "version:integer:32:0:"],
            columns);
    }

    [Theory]
    [InlineData("game = 'game-7' AND kind = 'item'", "ix_listings_active_game_kind_created")]
    [InlineData("game = 'game-7'", "ix_listings_active_game_created")]
    // A third of the rows match: walking the newest-first index and filtering is as good as the kind index.
    [InlineData("kind = 'code'", "ix_listings_active_")]
    [InlineData("true", "ix_listings_active_created")]
    public async Task The_browse_query_reads_an_index_in_order_without_sorting(string filter, string index)
    {
        await using var connection = await OpenAsync();
        await SeedCatalogAsync(connection);

        await using var explain = new NpgsqlCommand(
            $"EXPLAIN SELECT * FROM listings WHERE status = 'ACTIVE' AND {filter} ORDER BY created_at DESC, id DESC LIMIT 20",
            connection);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains("Index Scan using " + index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Sort Key", StringComparison.Ordinal));
    }

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static readonly HashSet<string> Seeded = [];

    // 20,000 listings over 50 games and 3 kinds, a tenth delisted, then fresh planner statistics.
    private async Task SeedCatalogAsync(NpgsqlConnection connection)
    {
        await SeedLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Seeded.Add(api.DatabaseName))
            {
                return;
            }

            await using var seed = new NpgsqlCommand(
                """
                INSERT INTO users (id, email, normalized_email, display_name, password_hash, roles, created_at, version)
                VALUES ('00000000-0000-0000-0000-000000000001', 's@seed.test', 'S@SEED.TEST', 'Seed', 'x', '{seller}', now(), 1);
                INSERT INTO listings (id, seller_id, title, kind, game, description, price_amount, price_currency,
                                      stock, status, created_at, updated_at, version)
                SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'listing ' || n,
                       (ARRAY['item', 'account', 'code'])[1 + n % 3], 'game-' || (n % 50), '', 9.99, 'USD', 1,
                       CASE WHEN n % 10 = 0 THEN 'DELISTED' ELSE 'ACTIVE' END,
                       now() - n * interval '1 second', now(), 1
                FROM generate_series(1, 20000) AS n;
                ANALYZE listings;
                """, connection);
            await seed.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(TestServices.PostgresFor(api.DatabaseName));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}
