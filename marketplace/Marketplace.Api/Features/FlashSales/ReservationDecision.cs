namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// The durable outcome of one reservation and what it means for Redis: the reservation entry goes
/// away in every case; a sale-ended release also gives its unit back and lets the buyer buy again.
/// </summary>
public sealed record ReservationDecision(string Status, string? Reason, Guid? OrderId)
{
    public const string SaleEnded = "sale-ended";
    public const string SoldOut = "sold-out";
    public const string DuplicateBuyer = "duplicate-buyer";

    public static ReservationDecision Ordered(Guid orderId) => new(ReservationStatus.Ordered, null, orderId);

    public static ReservationDecision Released(string reason) => new(ReservationStatus.Released, reason, null);

    /// <summary>
    /// Only a sale-ended release returns Redis stock: the unit was reserved and never ordered. A
    /// sold-out release means PostgreSQL had no unit for it (Redis had lost a write), and a
    /// duplicate buyer already holds their order.
    /// </summary>
    public bool ReturnsStock => Status == ReservationStatus.Released && Reason == SaleEnded;

    public bool FreesBuyer => Status == ReservationStatus.Released && Reason is SaleEnded or SoldOut;
}
