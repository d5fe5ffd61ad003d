using System.Collections.Frozen;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// The one definition of legal order transitions:
/// PENDING_PAYMENT → PAID → SHIPPED → COMPLETED; PENDING_PAYMENT → CANCELLED (buyer or timeout);
/// PAID → REFUNDED. CANCELLED, COMPLETED and REFUNDED are final. No state moves to itself, so a
/// state-guarded update can win only once.
/// </summary>
public static class OrderStateMachine
{
    private static readonly FrozenDictionary<OrderState, FrozenSet<OrderState>> Next =
        new Dictionary<OrderState, FrozenSet<OrderState>>
        {
            [OrderState.PendingPayment] = new[] { OrderState.Paid, OrderState.Cancelled }.ToFrozenSet(),
            [OrderState.Paid] = new[] { OrderState.Shipped, OrderState.Refunded }.ToFrozenSet(),
            [OrderState.Shipped] = new[] { OrderState.Completed }.ToFrozenSet(),
            [OrderState.Completed] = FrozenSet<OrderState>.Empty,
            [OrderState.Cancelled] = FrozenSet<OrderState>.Empty,
            [OrderState.Refunded] = FrozenSet<OrderState>.Empty,
        }.ToFrozenDictionary();

    public static bool CanTransition(OrderState from, OrderState to) => Next[from].Contains(to);

    public static bool IsFinal(OrderState state) => Next[state].Count == 0;
}
