using System.Globalization;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// The public browse query string. Parameters arrive as text so a bad value becomes a validation
/// error naming the parameter rather than a bare binding failure.
/// </summary>
public sealed record BrowseListingsQuery(string? Game, string? Kind, string? Page, string? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public sealed record Valid(string? Game, string? Kind, int Page, int PageSize);

    public Valid? Validate(ValidationErrors errors)
    {
        var page = ParseOrDefault(Page, 1, "page", errors);
        var pageSize = ParseOrDefault(PageSize, DefaultPageSize, "pageSize", errors);
        errors
            .When(page < 1, "page", "Page must be at least 1.")
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"Page size must be between 1 and {MaxPageSize}.")
            .When(!string.IsNullOrEmpty(Kind) && !ListingKind.IsKnown(Kind), "kind",
                $"Kind must be one of: {string.Join(", ", ListingKind.All)}.")
            .When(Game?.Trim().Length > ListingRules.GameMaxLength, "game",
                $"Game must be at most {ListingRules.GameMaxLength} characters.");
        var game = string.IsNullOrWhiteSpace(Game) ? null : Game.Trim();
        var kind = string.IsNullOrEmpty(Kind) ? null : Kind;
        return errors.IsEmpty ? new Valid(game, kind, page, pageSize) : null;
    }

    private static int ParseOrDefault(string? text, int fallback, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, $"{field} must be an integer.");
        return fallback;
    }
}
