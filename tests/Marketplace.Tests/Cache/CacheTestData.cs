using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Catalog;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Cache;

/// <summary>Listings made straight in PostgreSQL (bulk, or changed behind the cache's back) and reads through HTTP.</summary>
public static class CacheTestData
{
    /// <summary>Inserts <paramref name="count"/> active listings of <paramref name="sellerId"/> in one statement.</summary>
    public static async Task<IReadOnlyList<Guid>> InsertListingsAsync(this MarketplaceApiFactory api, Guid sellerId, int count)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(api.DatabaseName));
        await connection.OpenAsync();
        await using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO listings (id, seller_id, title, kind, game, description, stock, status, created_at, updated_at, version, price_amount, price_currency)
            SELECT gen_random_uuid(), @seller, 'bulk ' || n, 'item', 'Bulk Game', 'bulk', 5, 'ACTIVE', now(), now(), 1, 9.99, 'USD'
            FROM generate_series(1, @count) AS n
            RETURNING id
            """;
        insert.Parameters.AddWithValue("seller", sellerId);
        insert.Parameters.AddWithValue("count", count);
        var ids = new List<Guid>(count);
        await using var reader = await insert.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    /// <summary>Changes a listing's title in PostgreSQL only: no cache-aside delete follows.</summary>
    public static async Task SetTitleBehindCacheAsync(this MarketplaceApiFactory api, Guid listingId, string title)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(api.DatabaseName));
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE listings SET title = @title, version = version + 1 WHERE id = @id";
        update.Parameters.AddWithValue("title", title);
        update.Parameters.AddWithValue("id", listingId);
        Assert.Equal(1, await update.ExecuteNonQueryAsync());
    }

    public static async Task RebuildBloomFiltersAsync(this MarketplaceApiFactory api)
    {
        var admin = await api.AdminAsync();
        var response = await admin.Client.PostAsync("/api/admin/cache/bloom/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static async Task<ListingResponse> GetListingAsync(this HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/listings/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ListingResponse>())!;
    }

    /// <summary>Reads until <paramref name="done"/> holds or <paramref name="limit"/> passes; the last read either way.</summary>
    public static async Task<ListingResponse> ReadUntilAsync(
        this HttpClient client, Guid id, Func<ListingResponse, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var listing = await client.GetListingAsync(id);
            if (done(listing) || DateTime.UtcNow > deadline)
            {
                return listing;
            }

            await Task.Delay(50);
        }
    }
}
