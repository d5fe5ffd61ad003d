namespace Marketplace.Tests.Payments;

/// <summary>
/// Sits between the marketplace's Alipay client and the sandbox: while <see cref="GatewayState"/> is down every
/// call fails as an unreachable gateway does (an outcome the marketplace cannot know), otherwise it passes through.
/// </summary>
internal sealed class GatewaySwitch(GatewayState state) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        state.Called();
        return state.IsDown
            ? throw new HttpRequestException("gateway unreachable (test switch down)")
            : base.SendAsync(request, cancellationToken);
    }
}
