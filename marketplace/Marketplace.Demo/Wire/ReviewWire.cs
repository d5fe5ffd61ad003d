namespace Marketplace.Demo.Wire;

// The reviews API contract (marketplace Features/Reviews).
public sealed record ReviewBody(int Rating, string Text);

public sealed record ReviewAccepted(Guid ReviewId, string Status);

public sealed record ReviewView(
    Guid Id,
    Guid OrderId,
    Guid ListingId,
    Guid SellerId,
    Guid AuthorId,
    int Rating,
    string Text,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ModeratedAt,
    string? LanguageFamily,
    IReadOnlyDictionary<string, double>? Categories,
    IReadOnlyList<string>? RejectedCategories,
    bool Appealed,
    string? ModelVersion);

public sealed record ReviewPageView(IReadOnlyList<ReviewView> Items, int Page, int PageSize, int Total);

public sealed record SellerRatingView(Guid SellerId, int ReviewCount, double? AverageRating);
