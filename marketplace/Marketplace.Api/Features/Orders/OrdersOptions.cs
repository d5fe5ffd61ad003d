namespace Marketplace.Api.Features.Orders;

/// <summary>The <c>Orders</c> configuration section; validated at start-up.</summary>
public sealed class OrdersOptions
{
    public const string Section = "Orders";

    /// <summary>How long a buyer has to pay before the timeout canceller cancels the order.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often the timeout canceller looks for unpaid orders past their deadline.</summary>
    public TimeSpan TimeoutSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Orders the canceller claims (FOR UPDATE SKIP LOCKED) and cancels per transaction.</summary>
    public int TimeoutBatchSize { get; set; } = 100;

    /// <summary>How long a purchase waits for the buyer's purchase lock before giving up with 409.</summary>
    public TimeSpan PurchaseLockWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts at the version-checked stock update before a purchase reports a conflict.</summary>
    public int StockUpdateAttempts { get; set; } = 8;

    /// <summary>
    /// Units of one listing a buyer may hold in unpaid (PENDING_PAYMENT) ordinary orders: 20. Stops one
    /// buyer taking a listing's whole stock off the market without paying; paying or cancelling frees it.
    /// </summary>
    public int MaxUnpaidUnitsPerListing { get; set; } = 20;

    public IEnumerable<string> Validate()
    {
        if (PaymentTimeout <= TimeSpan.Zero)
        {
            yield return "Orders:PaymentTimeout must be positive.";
        }

        if (TimeoutSweepInterval <= TimeSpan.Zero)
        {
            yield return "Orders:TimeoutSweepInterval must be positive.";
        }

        if (TimeoutBatchSize is < 1 or > 10_000)
        {
            yield return "Orders:TimeoutBatchSize must be between 1 and 10000.";
        }

        if (PurchaseLockWait < TimeSpan.Zero)
        {
            yield return "Orders:PurchaseLockWait must not be negative.";
        }

        if (StockUpdateAttempts is < 1 or > 100)
        {
            yield return "Orders:StockUpdateAttempts must be between 1 and 100.";
        }

        if (MaxUnpaidUnitsPerListing is < 1 or > PurchaseRequest.MaxQuantity)
        {
            yield return $"Orders:MaxUnpaidUnitsPerListing must be between 1 and {PurchaseRequest.MaxQuantity}.";
        }
    }
}
