using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary>Fulfilment's stable problem <c>type</c> URIs (unchanged from when fulfilment lived in Payments).</summary>
public static class FulfilmentProblemTypes
{
    public const string RefundInProgress = ProblemTypes.Base + "refund-in-progress";
    public const string NotShipped = ProblemTypes.Base + "not-shipped";
}
