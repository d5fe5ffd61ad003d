using System.Collections.Frozen;

namespace Marketplace.Api.Features.Orders;

/// <summary>The wire and column names of <see cref="OrderState"/> (PENDING_PAYMENT, PAID, ...).</summary>
public static class OrderStateNames
{
    private static readonly FrozenDictionary<OrderState, string> Names = new Dictionary<OrderState, string>
    {
        [OrderState.PendingPayment] = "PENDING_PAYMENT",
        [OrderState.Paid] = "PAID",
        [OrderState.Shipped] = "SHIPPED",
        [OrderState.Completed] = "COMPLETED",
        [OrderState.Cancelled] = "CANCELLED",
        [OrderState.Refunded] = "REFUNDED",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, OrderState> States =
        Names.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => States.Keys;

    public static string ToName(this OrderState state) => Names[state];

    public static bool TryParse(string? name, out OrderState state) =>
        States.TryGetValue(name ?? "", out state);

    public static OrderState Parse(string name) =>
        States.TryGetValue(name, out var state)
            ? state
            : throw new ArgumentException($"'{name}' is not an order state.", nameof(name));
}
