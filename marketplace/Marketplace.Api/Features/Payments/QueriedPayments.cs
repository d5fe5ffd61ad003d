using System.Threading.Channels;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// Paid trades the timeout gate found by query, applied one at a time by <see cref="QueriedPaymentApplier"/>
/// once the sweep that found them releases the orders' row locks. One consumer means one connection
/// waits on those locks, however many orders a sweep finds paid.
/// </summary>
public sealed class QueriedPayments
{
    private readonly Channel<PaidTrade> _channel = Channel.CreateUnbounded<PaidTrade>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(PaidTrade trade) => _channel.Writer.TryWrite(trade);

    public IAsyncEnumerable<PaidTrade> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
