namespace Marketplace.Api.Features.Orders;

/// <summary>One history row on the wire; <see cref="From"/> is null for the creation row.</summary>
public sealed record OrderHistoryEntry(string? From, string To, string Actor, string Reason, DateTimeOffset At)
{
    public static OrderHistoryEntry Of(OrderHistory row) =>
        new(row.FromState?.ToName(), row.ToState.ToName(), row.Actor, row.Reason, row.At);
}
