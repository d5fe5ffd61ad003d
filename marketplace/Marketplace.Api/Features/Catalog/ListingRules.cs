using Marketplace.Api.Domain;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Catalog;

/// <summary>Field rules for a listing body; errors are keyed by JSON field path.</summary>
public static class ListingRules
{
    public const int TitleMaxLength = 120;
    public const int GameMaxLength = 64;
    public const int DescriptionMaxLength = 4000;
    public const int MaxStock = 1_000_000;

    /// <summary>A validated listing body, trimmed.</summary>
    public sealed record ValidListing(string Title, string Kind, string Game, string Description, Money Price, int Stock);

    public static ValidListing? Validate(ListingRequest request, ValidationErrors errors)
    {
        var title = request.Title?.Trim();
        var game = request.Game?.Trim();
        var description = request.Description?.Trim() ?? "";
        errors
            .When(string.IsNullOrEmpty(title), "title", "Title is required.")
            .When(title?.Length > TitleMaxLength, "title", $"Title must be at most {TitleMaxLength} characters.")
            .When(!ListingKind.IsKnown(request.Kind), "kind", $"Kind must be one of: {string.Join(", ", ListingKind.All)}.")
            .When(string.IsNullOrEmpty(game), "game", "Game is required.")
            .When(game?.Length > GameMaxLength, "game", $"Game must be at most {GameMaxLength} characters.")
            .When(description.Length > DescriptionMaxLength, "description",
                $"Description must be at most {DescriptionMaxLength} characters.")
            .When(request.Stock is null, "stock", "Stock is required.")
            .When(request.Stock is < 0 or > MaxStock, "stock", $"Stock must be between 0 and {MaxStock}.");

        var price = PriceRules.Validate(request.Price, errors);

        return errors.IsEmpty ? new ValidListing(title!, request.Kind!, game!, description, price!, request.Stock!.Value) : null;
    }
}
