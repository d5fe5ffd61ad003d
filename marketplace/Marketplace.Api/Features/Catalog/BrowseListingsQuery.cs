using Marketplace.Api.Domain;
using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// The public browse query string. Parameters arrive as text so a bad value becomes a validation error
/// naming the parameter rather than a bare binding failure. <c>minPrice</c>/<c>maxPrice</c> compare amounts
/// in each listing's own currency; <c>currency</c> narrows the list to one so a range means one thing.
/// </summary>
public sealed record BrowseListingsQuery(
    string? Game,
    string? Kind,
    string? Q,
    string? MinPrice,
    string? MaxPrice,
    string? Currency,
    string? SellerId,
    string? Page,
    string? PageSize)
{
    /// <summary>The longest search text: a title is at most 120 characters, a search needs far fewer.</summary>
    public const int QueryMaxLength = 100;

    public sealed record Valid(
        string? Game, string? Kind, string? Search, decimal? MinPrice, decimal? MaxPrice, string? Currency, Guid? SellerId, PageRequest Paging);

    public Valid? Validate(ValidationErrors errors)
    {
        var paging = PageRequest.Read(Page, PageSize, errors);
        var minPrice = QueryDecimal.Read(MinPrice, "minPrice", 0, Money.MaxAmount, errors);
        var maxPrice = QueryDecimal.Read(MaxPrice, "maxPrice", 0, Money.MaxAmount, errors);
        var sellerId = QueryGuid.Read(SellerId, "sellerId", errors);
        var search = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        errors
            .When(!string.IsNullOrEmpty(Kind) && !ListingKind.IsKnown(Kind), "kind",
                $"Kind must be one of: {string.Join(", ", ListingKind.All)}.")
            .When(Game?.Trim().Length > ListingRules.GameMaxLength, "game",
                $"Game must be at most {ListingRules.GameMaxLength} characters.")
            .When(search?.Length > QueryMaxLength, "q", $"q must be at most {QueryMaxLength} characters.")
            .When(minPrice > maxPrice, "minPrice", "minPrice must not be more than maxPrice.")
            .When(!string.IsNullOrEmpty(Currency) && !Currencies.IsKnown(Currency), "currency",
                "Currency must be an ISO 4217 code in upper case, such as USD or CNY.");
        var game = string.IsNullOrWhiteSpace(Game) ? null : Game.Trim();
        var kind = string.IsNullOrEmpty(Kind) ? null : Kind;
        var currency = string.IsNullOrEmpty(Currency) ? null : Currency;
        return errors.IsEmpty && paging is not null
            ? new Valid(game, kind, search, minPrice, maxPrice, currency, sellerId, paging)
            : null;
    }
}
