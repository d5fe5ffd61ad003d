namespace Marketplace.Demo.Wire;

// Orders, payments and delivery.
public sealed record OrderView(Guid Id, Guid BuyerId, Guid SellerId, Guid ListingId, Guid? FlashSaleId, Guid? ReservationId, string State, Price Total);

public sealed record OrderPageView(IReadOnlyList<OrderView> Items, int Page, int PageSize, int Total);

public sealed record PaymentStart(Uri PaymentUrl, string OutTradeNo, DateTimeOffset ExpiresAt);

public sealed record TradeView(string OutTradeNo, string TradeNo, string TradeStatus, string TotalAmount);

public sealed record ShipBody(string? Secret, string? Note);

public sealed record DeliveryView(Guid OrderId, string Kind, string? Secret, string? Note);
