namespace EndToEnd.Tests.Api;

// The parts of the marketplace's JSON answers the tests read (camelCase on the wire).

public sealed record TokenView(string AccessToken);

public sealed record MeView(Guid UserId, string Email, IReadOnlyList<string> Roles);

public sealed record PriceView(decimal Amount, string Currency);

public sealed record ListingView(Guid Id, Guid SellerId, string Kind, PriceView Price, int Stock);

public sealed record OrderView(Guid Id, Guid BuyerId, Guid SellerId, Guid ListingId, string State, PriceView Total);

public sealed record PayView(Uri PaymentUrl, string OutTradeNo);

public sealed record HistoryEntryView(string? From, string To, string Actor);

public sealed record SandboxTradeView(string OutTradeNo, string TradeStatus, string TotalAmount, IReadOnlyList<SandboxNotificationView> Notifications);

public sealed record SandboxNotificationView(int Attempts, bool Delivered, string? LastResult);

public sealed record ReadinessView(string Status, IReadOnlyDictionary<string, ReadinessCheckView> Checks);

public sealed record ReadinessCheckView(string Status, string? Description);

public sealed record SubmittedReviewView(Guid ReviewId, string Status);

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
