namespace Marketplace.Demo.Phases;

/// <summary>What the flash sale did: every purchase answer tallied, every accepted reservation's fate, the orders it made.</summary>
public sealed record FlashSaleResult
{
    public required Guid SaleId { get; init; }

    public required Guid ListingId { get; init; }

    public required int Stock { get; init; }

    public required int PurchaseRequests { get; init; }

    public required double PurchaseSeconds { get; init; }

    /// <summary>Purchase answers by status and problem type ("202", "409 sold-out", ...).</summary>
    public required IReadOnlyDictionary<string, int> Outcomes { get; init; }

    public required int Reservations { get; init; }

    /// <summary>Buyers who were handed more than one reservation (must be none).</summary>
    public required int BuyersWithSeveralReservations { get; init; }

    public required int Ordered { get; init; }

    public required int Released { get; init; }

    /// <summary>Reservations still RESERVED when the wait ended.</summary>
    public required int Undecided { get; init; }

    /// <summary>The sale's orders as the buyers' own order lists show them.</summary>
    public required IReadOnlyList<SaleOrder> Orders { get; init; }

    /// <summary>Buyers whose order list holds more than one order of this sale (must be none).</summary>
    public required int BuyersWithSeveralOrders { get; init; }

    /// <summary>Remaining stock the sale page reports (the Redis gate) after every reservation was decided.</summary>
    public required int RemainingStock { get; init; }
}

/// <summary>One order of the sale and the buyer who holds it.</summary>
public sealed record SaleOrder(DemoUser Buyer, Guid OrderId, Guid? ReservationId);
