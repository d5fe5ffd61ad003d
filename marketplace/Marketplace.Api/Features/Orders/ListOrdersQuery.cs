using System.Globalization;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Orders;

/// <summary>Paging for "my orders", validated like the listing browse query.</summary>
public sealed record ListOrdersQuery(string? Page, string? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public sealed record Valid(int Page, int PageSize);

    public Valid? Validate(ValidationErrors errors)
    {
        var page = Parse(Page, 1, "page", errors);
        var pageSize = Parse(PageSize, DefaultPageSize, "pageSize", errors);
        errors
            .When(page < 1, "page", "Page must be at least 1.")
            .When(pageSize is < 1 or > MaxPageSize, "pageSize", $"Page size must be between 1 and {MaxPageSize}.");
        return errors.IsEmpty ? new Valid(page, pageSize) : null;
    }

    private static int Parse(string? text, int fallback, string field, ValidationErrors errors)
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
