using Confluent.Kafka;
using Marketplace.Api.Features.FlashSales;

namespace Marketplace.Tests.FlashSale;

/// <summary>
/// Decorates the real Kafka publisher; while <see cref="Failing"/> every produce fails the way an
/// unreachable cluster does, without waiting for librdkafka's message timeout.
/// </summary>
public sealed class FaultSwitchPublisher(IOrderRequestPublisher inner) : IOrderRequestPublisher
{
    private int _failed;

    public volatile bool Failing;

    public int Failed => Volatile.Read(ref _failed);

    public Task PublishAsync(OrderRequested message, CancellationToken cancellationToken)
    {
        if (Failing)
        {
            Interlocked.Increment(ref _failed);
            throw new ProduceException<string, byte[]>(
                new Error(ErrorCode.Local_AllBrokersDown, "injected: all brokers down"),
                new DeliveryResult<string, byte[]>());
        }

        return inner.PublishAsync(message, cancellationToken);
    }
}
