namespace Marketplace.Api.Features.Payments;

/// <summary>Order history actors for the payment side's system transitions.</summary>
public static class PaymentActors
{
    public const string AlipayNotification = "system:alipay-notify";
    public const string AlipayQuery = "system:alipay-query";
    public const string Refunds = "system:refunds";
}
