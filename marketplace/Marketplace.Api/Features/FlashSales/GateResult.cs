namespace Marketplace.Api.Features.FlashSales;

/// <summary>What the Redis gate script answered; the numbers are the script's return codes.</summary>
public enum GateOutcome
{
    NotPrimed = 0,
    Reserved = 1,
    NotActive = 2,
    AlreadyPurchased = 3,
    SoldOut = 4,

    // 5 was "Locked", from the gate that read the buyer's purchase lock (a key in another cluster slot).

    /// <summary>The buyer sells the sale's listing.</summary>
    OwnSale = 6,

    /// <summary>The buyer's account is younger than the sale's minimum account age.</summary>
    AccountTooNew = 7,
}

/// <summary>The gate's answer, with the sale's order terms when it reserved.</summary>
public sealed record GateResult(GateOutcome Outcome, Guid ListingId, decimal UnitPrice, string Currency);
