using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Catalog;

/// <summary>
/// The public browse query string. Parameters arrive as text so a bad value becomes a validation
/// error naming the parameter rather than a bare binding failure.
/// </summary>
public sealed record BrowseListingsQuery(string? Game, string? Kind, string? Page, string? PageSize)
{
    public sealed record Valid(string? Game, string? Kind, PageRequest Paging);

    public Valid? Validate(ValidationErrors errors)
    {
        var paging = PageRequest.Read(Page, PageSize, errors);
        errors
            .When(!string.IsNullOrEmpty(Kind) && !ListingKind.IsKnown(Kind), "kind",
                $"Kind must be one of: {string.Join(", ", ListingKind.All)}.")
            .When(Game?.Trim().Length > ListingRules.GameMaxLength, "game",
                $"Game must be at most {ListingRules.GameMaxLength} characters.");
        var game = string.IsNullOrWhiteSpace(Game) ? null : Game.Trim();
        var kind = string.IsNullOrEmpty(Kind) ? null : Kind;
        return errors.IsEmpty && paging is not null ? new Valid(game, kind, paging) : null;
    }
}
