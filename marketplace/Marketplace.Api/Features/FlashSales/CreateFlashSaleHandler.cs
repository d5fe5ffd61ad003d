using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Creates a sale: PostgreSQL first (the sale's stock leaves the listing in the same transaction,
/// through the listing's version check), then Redis is primed. If priming fails the sale still
/// exists; the first purchase primes it from PostgreSQL.
/// </summary>
public sealed partial class CreateFlashSaleHandler(
    MarketplaceDbContext db, ReadThroughCache cache, FlashSalePrimer primer, TimeProvider time, ILogger<CreateFlashSaleHandler> logger)
{
    private const int Attempts = 5;

    public async Task<Results<Created<CreatedFlashSale>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        CreateFlashSaleRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new ValidationErrors();
        if (FlashSaleRules.Validate(request, now, errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        for (var attempt = 1; ; attempt++)
        {
            var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == valid.ListingId, cancellationToken);
            if (listing is null)
            {
                return ApiProblems.NotFound($"Listing {valid.ListingId} does not exist.");
            }

            if (!listing.IsActive)
            {
                return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.ListingDelisted,
                    "The listing is delisted.", "A delisted listing cannot go on sale.");
            }

            if (listing.Stock < valid.Stock)
            {
                return ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.FlashStockShort,
                    "The listing has less stock than the sale needs.",
                    $"The listing has {listing.Stock} left; the sale asks for {valid.Stock}.");
            }

            var sale = new FlashSale
            {
                Id = Guid.CreateVersion7(now),
                ListingId = listing.Id,
                Price = valid.Price,
                TotalStock = valid.Stock,
                Stock = valid.Stock,
                StartsAt = valid.StartsAt,
                EndsAt = valid.EndsAt,
                PerUserLimit = FlashSaleRules.PerUserLimit,
                MinAccountAgeMinutes = valid.MinAccountAgeMinutes,
                CreatedAt = now,
                Version = 1,
            };
            listing.Stock -= valid.Stock;
            listing.UpdatedAt = now;
            db.FlashSales.Add(sale);
            try
            {
                // One transaction: the listing's version-checked update and the sale insert.
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
                continue;
            }

            await cache.RecordCreatedAsync(FlashSaleCache.Sales, sale.Id);
            // The sale's stock left the listing.
            await cache.InvalidateAsync(CatalogCache.Listings, listing.Id, cancellationToken);
            await PrimeAsync(sale, cancellationToken);
            return TypedResults.Created($"/api/flash-sales/{sale.Id}", new CreatedFlashSale(sale.Id));
        }
    }

    private async Task PrimeAsync(FlashSale sale, CancellationToken cancellationToken)
    {
        try
        {
            await primer.PrimeAsync(sale, cancellationToken);
        }
        catch (StackExchange.Redis.RedisException ex)
        {
            LogPrimeFailed(logger, ex, sale.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flash sale {SaleId} created but not primed in Redis; the first purchase primes it")]
    private static partial void LogPrimeFailed(ILogger logger, Exception exception, Guid saleId);
}
