using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.Orders;

/// <summary>
/// The API with the timeout canceller's timer slowed to an hour, so tests drive sweeps themselves
/// (its first sweep at start-up finds nothing), plus direct SQL on the fixture's database.
/// </summary>
public class OrdersApiFactory : MarketplaceApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>
    {
        ["Orders:TimeoutSweepInterval"] = "01:00:00",
        ["Orders:PurchaseLockWait"] = "00:00:30",
        // The timeout tests hold 50 unpaid orders per buyer on one listing.
        ["Orders:MaxUnpaidUnitsPerListing"] = "1000",
    };

    public async Task<T> WithDbAsync<T>(Func<MarketplaceDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>());
    }

    public Task<int> ExecuteSqlAsync(string sql, params object[] parameters) =>
        WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql, parameters));
}
