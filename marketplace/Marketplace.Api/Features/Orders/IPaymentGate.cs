namespace Marketplace.Api.Features.Orders;

/// <summary>
/// The seam where payments decide, before the timeout canceller cancels an unpaid order, whether
/// it may: Payments' <c>AlipayPaymentGate</c> queries the gateway's trade and closes it (so a late payment
/// cannot succeed) or reports that it was paid (the payments feature then moves the order to PAID
/// itself). Called while the order row is locked (FOR UPDATE), so keep it short.
/// </summary>
public interface IPaymentGate
{
    Task<bool> MayCancelForTimeoutAsync(PendingOrder order, CancellationToken cancellationToken);
}
