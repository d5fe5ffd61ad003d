namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Why a reservation was RELEASED: the code stored with the decision (<see cref="ReservationDecision"/>'s
/// <c>sale-ended</c>, <c>sold-out</c>, <c>duplicate-buyer</c>), stable for clients to branch on, and a sentence for
/// the buyer. A code this version does not know is passed through with a generic sentence.
/// </summary>
public sealed record ReservationReason(string Code, string Message)
{
    public static ReservationReason? Of(string? code) => code switch
    {
        null => null,
        ReservationDecision.SaleEnded => new(code,
            "The sale ended before your order could be created, so there is nothing to pay; you were not charged."),
        ReservationDecision.SoldOut => new(code,
            "The sale sold out before your order could be created, so there is nothing to pay; you were not charged."),
        ReservationDecision.DuplicateBuyer => new(code,
            "You already have an order from this sale (one per buyer), so this reservation did not become a second one."),
        _ => new(code, "The reservation was released without an order, so there is nothing to pay."),
    };
}
