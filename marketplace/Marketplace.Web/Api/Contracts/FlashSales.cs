namespace Marketplace.Web.Api.Contracts;

public sealed record FlashSaleResponse(
    Guid Id, Guid ListingId, Price Price, int Stock, int RemainingStock, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    int PerUserLimit, string Status, int MinAccountAgeMinutes);

public sealed record FlashSaleSummary(
    Guid Id, Guid ListingId, string ListingTitle, string Game, Price Price, int Stock, int RemainingStock,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PerUserLimit, string Status);

public sealed record PurchaseAccepted(Guid ReservationId);

public sealed record ReservationResponse(Guid Id, Guid SaleId, string Status, Guid? OrderId, ReservationReason? Reason = null);

/// <summary>Why a reservation was released: a stable code (<c>sale-ended</c>, <c>sold-out</c>, <c>duplicate-buyer</c>) and a sentence.</summary>
public sealed record ReservationReason(string Code, string Message);

public sealed record CreateFlashSaleRequest(
    Guid? ListingId, Price? Price, int? Stock, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? PerUserLimit,
    int? MinAccountAgeMinutes = null);

public sealed record CreatedFlashSale(Guid Id);
