namespace Marketplace.Demo.Summary;

/// <summary>The run's figures and invariants; written as JSON with <c>--json</c> and printed as tables.</summary>
public sealed record DemoSummary(
    string RunTag,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    DemoSettings Settings,
    FlashSaleFigures FlashSale,
    PaymentFigures Payments,
    ReviewFigures? Reviews,
    IReadOnlyList<InvariantResult> Invariants)
{
    public bool Passed => Invariants.All(i => i.Passed);
}

public sealed record DemoSettings(string MarketplaceUrl, string SandboxUrl, int Buyers, int Stock, int RequestsPerBuyer);

public sealed record FlashSaleFigures(
    Guid SaleId,
    Guid ListingId,
    int Stock,
    int PurchaseRequests,
    double PurchaseSeconds,
    IReadOnlyDictionary<string, int> Outcomes,
    int Reservations,
    int Ordered,
    int Released,
    int Undecided,
    int Orders,
    int RemainingStock,
    int BuyersWithSeveralReservations,
    int BuyersWithSeveralOrders);

public sealed record PaymentFigures(
    int Orders,
    int TradesPaid,
    int Paid,
    int Shipped,
    int SecretsDelivered,
    int Completed,
    double PaymentSecondsP50,
    IReadOnlyList<string> Failures);

public sealed record ReviewFigures(
    int Submitted,
    IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByFamily,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByIntent,
    IReadOnlyList<string> Languages,
    int FamilyPredictedCorrectly,
    IReadOnlyList<Guid> StillPending,
    LatencyFigures ModerationLatencyMs,
    double WaitSeconds,
    int ListingPageTotal,
    int SellerReviewCount,
    double? SellerAverageRating,
    int AdminHeldQueue,
    string? DuplicateOutcome,
    IReadOnlyList<string> Refused,
    IReadOnlyList<string> VisibilityErrors);

public sealed record LatencyFigures(int Count, double P50, double P99, double Max);
