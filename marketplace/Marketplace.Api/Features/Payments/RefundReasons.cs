namespace Marketplace.Api.Features.Payments;

public static class RefundReasons
{
    /// <summary>The buyer asked for it before shipping; success moves the order PAID → REFUNDED.</summary>
    public const string BuyerRequest = "BUYER_REQUEST";

    /// <summary>Money arrived for an order already cancelled; the order stays CANCELLED.</summary>
    public const string PaidAfterCancel = "PAID_AFTER_CANCEL";
}
