using Marketplace.Api.Domain;
using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Features.Reviews;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Infrastructure.Persistence;

public sealed class MarketplaceDbContext(DbContextOptions<MarketplaceDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<Listing> Listings => Set<Listing>();

    public DbSet<Order> Orders => Set<Order>();

    public DbSet<OrderHistory> OrderHistory => Set<OrderHistory>();

    public DbSet<FlashSale> FlashSales => Set<FlashSale>();

    public DbSet<FlashReservation> FlashReservations => Set<FlashReservation>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<ReviewVerdict> ReviewVerdicts => Set<ReviewVerdict>();

    public DbSet<SellerRating> SellerRatings => Set<SellerRating>();

    // Each entity's IEntityTypeConfiguration lives with the feature (or infrastructure part) that owns the entity.
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MarketplaceDbContext).Assembly);

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    // The original value stays in the WHERE clause; the new one is written: a lost race updates 0 rows.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            }
        }
    }
}
