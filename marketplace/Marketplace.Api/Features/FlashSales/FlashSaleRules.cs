using Marketplace.Api.Domain;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>Field rules for a new sale; errors are keyed by JSON field path.</summary>
public static class FlashSaleRules
{
    public const int MaxStock = ListingRules.MaxStock;

    /// <summary>One order per buyer per sale: the database's unique (buyer, sale) index enforces it.</summary>
    public const int PerUserLimit = 1;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(31);

    /// <summary>The longest minimum account age a sale may ask for: a year.</summary>
    public const int MaxMinAccountAgeMinutes = 365 * 24 * 60;

    public sealed record ValidSale(Guid ListingId, Money Price, int Stock, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int MinAccountAgeMinutes);

    public static ValidSale? Validate(CreateFlashSaleRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        errors
            .When(request.ListingId is null || request.ListingId == Guid.Empty, "listingId", "Listing id is required.")
            .When(request.Stock is null, "stock", "Stock is required.")
            .When(request.Stock is < 1 or > MaxStock, "stock", $"Stock must be between 1 and {MaxStock}.")
            .When(request.StartsAt is null, "startsAt", "Start time is required.")
            .When(request.EndsAt is null, "endsAt", "End time is required.")
            .When(request.PerUserLimit is not null and not PerUserLimit, "perUserLimit",
                $"Only {PerUserLimit} purchase per user is supported.")
            .When(request.MinAccountAgeMinutes is < 0 or > MaxMinAccountAgeMinutes, "minAccountAgeMinutes",
                $"The minimum account age must be between 0 and {MaxMinAccountAgeMinutes} minutes.");
        if (request.StartsAt is { } starts && request.EndsAt is { } ends)
        {
            errors
                .When(ends <= starts, "endsAt", "End time must be after the start time.")
                .When(ends <= now, "endsAt", "End time must be in the future.")
                .When(ends - starts > MaxDuration, "endsAt", $"A sale lasts at most {MaxDuration.TotalDays} days.");
        }

        var price = PriceRules.Validate(request.Price, errors);

        return errors.IsEmpty
            ? new ValidSale(request.ListingId!.Value, price!, request.Stock!.Value, request.StartsAt!.Value, request.EndsAt!.Value,
                request.MinAccountAgeMinutes ?? 0)
            : null;
    }
}
