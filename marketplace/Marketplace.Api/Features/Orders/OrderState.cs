namespace Marketplace.Api.Features.Orders;

/// <summary>
/// Where an order is in its life. Stored and serialised as the upper-case names in
/// <see cref="OrderStateNames"/>; legal moves between them are defined in <see cref="OrderStateMachine"/>.
/// </summary>
public enum OrderState
{
    PendingPayment,
    Paid,
    Shipped,
    Completed,
    Cancelled,
    Refunded,
}
