namespace Marketplace.Demo.Phases;

/// <summary>How far each order of the sale got: paid at the sandbox, shipped with a code, delivered, confirmed.</summary>
public sealed record FulfilmentResult
{
    public required int Orders { get; init; }

    /// <summary>Trades the sandbox reports TRADE_SUCCESS.</summary>
    public required int TradesPaid { get; init; }

    /// <summary>Orders the marketplace moved to PAID from the sandbox's notification.</summary>
    public required int Paid { get; init; }

    public required int Shipped { get; init; }

    /// <summary>Deliveries whose secret is the one the seller shipped.</summary>
    public required int SecretsDelivered { get; init; }

    public required int Completed { get; init; }

    public required double PaymentSecondsP50 { get; init; }

    /// <summary>Orders whose journey stopped, with why (the first few).</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>Completed orders, ready for a review.</summary>
    public required IReadOnlyList<SaleOrder> CompletedOrders { get; init; }
}
