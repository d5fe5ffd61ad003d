namespace Marketplace.Web.Api.Contracts;

public sealed record FlashSaleResponse(
    Guid Id, Guid ListingId, Price Price, int Stock, int RemainingStock, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int PerUserLimit, string Status, int MinAccountAgeMinutes);

public sealed record FlashSaleSummary(
    Guid Id, Guid ListingId, string ListingTitle, string Game, Price Price, int Stock, int RemainingStock,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PerUserLimit, string Status);

public sealed record PurchaseAccepted(Guid ReservationId);

public sealed record ReservationResponse(Guid Id, Guid SaleId, string Status, Guid? OrderId, string? Reason = null);

public sealed record CreateFlashSaleRequest(
    Guid? ListingId, Price? Price, int? Stock, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? PerUserLimit,
    int? MinAccountAgeMinutes = null);

public sealed record CreatedFlashSale(Guid Id);
