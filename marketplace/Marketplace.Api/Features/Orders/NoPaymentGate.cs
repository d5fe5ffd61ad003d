namespace Marketplace.Api.Features.Orders;

/// <summary>The default until payments exist: no gateway trade can be open, so every expired order may be cancelled.</summary>
public sealed class NoPaymentGate : IPaymentGate
{
    public Task<bool> MayCancelForTimeoutAsync(PendingOrder order, CancellationToken cancellationToken) => Task.FromResult(true);
}
