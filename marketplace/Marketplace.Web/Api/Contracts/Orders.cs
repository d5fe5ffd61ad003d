namespace Marketplace.Web.Api.Contracts;

public sealed record OrderResponse(
    Guid Id, Guid BuyerId, Guid SellerId, Guid ListingId, Guid? FlashSaleId, Guid? ReservationId, int Quantity,
    Price UnitPrice, Price Total, string State, int Version, DateTimeOffset PaymentDeadline,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record OrderHistoryEntry(string? From, string To, string Actor, string Reason, DateTimeOffset At);

public sealed record PurchaseRequest(int? Quantity);

public sealed record PayResponse(Uri PaymentUrl, string OutTradeNo, DateTimeOffset ExpiresAt);

public sealed record DeliveryResponse(Guid OrderId, string Kind, string? Secret, string? Note, DateTimeOffset ShippedAt);

public sealed record ShipRequest(string? Secret, string? Note);

/// <summary>The order states the API names, in the order a normal purchase passes them.</summary>
public static class OrderStates
{
    public const string PendingPayment = "PENDING_PAYMENT";
    public const string Paid = "PAID";
    public const string Shipped = "SHIPPED";
    public const string Completed = "COMPLETED";
    public const string Cancelled = "CANCELLED";
    public const string Refunded = "REFUNDED";

    public static string Label(string state) => state switch
    {
        PendingPayment => "Waiting for payment",
        Paid => "Paid",
        Shipped => "Shipped",
        Completed => "Completed",
        Cancelled => "Cancelled",
        Refunded => "Refunded",
        _ => state,
    };
}
