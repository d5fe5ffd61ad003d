using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Payments;

/// <summary>The payment side's stable problem <c>type</c> URIs.</summary>
public static class PaymentProblemTypes
{
    public const string PaymentDeadlinePassed = ProblemTypes.Base + "payment-deadline-passed";
    public const string NotPayable = ProblemTypes.Base + "not-payable";
    public const string CurrencyNotCharged = ProblemTypes.Base + "currency-not-charged";
    public const string GatewayUnavailable = ProblemTypes.Base + "payment-gateway-unavailable";
    public const string RefundRefused = ProblemTypes.Base + "refund-refused";
}
