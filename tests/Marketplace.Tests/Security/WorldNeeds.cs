namespace Marketplace.Tests.Security;

/// <summary>How far the world's order (and what hangs off it) is taken before the endpoint is called.</summary>
public enum OrderStage
{
    /// <summary>No order.</summary>
    None,

    /// <summary>Bought, PENDING_PAYMENT.</summary>
    Pending,

    /// <summary>Paid through the Alipay sandbox: PAID.</summary>
    Paid,

    /// <summary>Paid and shipped by the seller: SHIPPED.</summary>
    Shipped,
}

/// <summary>What one matrix row needs built before its call.</summary>
/// <param name="Order">How far the buyer's order goes.</param>
/// <param name="Reservation">An active flash sale on the listing, and the buyer's reservation in it.</param>
/// <param name="ReviewStatus">The buyer's review of the shipped order, moved to this status (null: no review).</param>
public sealed record WorldNeeds(OrderStage Order = OrderStage.None, bool Reservation = false, string? ReviewStatus = null)
{
    public static WorldNeeds Nothing { get; } = new();
}
