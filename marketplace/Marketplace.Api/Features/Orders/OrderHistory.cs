namespace Marketplace.Api.Features.Orders;

/// <summary>
/// One row per state change, written in the same transaction as the change. Creation is recorded
/// with no <see cref="FromState"/>.
/// </summary>
public sealed class OrderHistory
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public OrderState? FromState { get; set; }

    public OrderState ToState { get; set; }

    /// <summary>Who made the change: <c>buyer:{id}</c>, <c>system:timeout</c>, <c>flash-sale</c>, ...</summary>
    public string Actor { get; set; } = "";

    public string Reason { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
