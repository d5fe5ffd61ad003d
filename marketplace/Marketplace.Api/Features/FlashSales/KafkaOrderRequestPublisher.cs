using System.Text.Json;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Publishes <see cref="OrderRequested"/> through the durable producer, keyed by reservation id: one hot sale's
/// requests spread over every partition (so over every instance's consumer) instead of queueing on one. Their order
/// does not matter: each reservation is decided on its own, stock by a versioned update.
/// </summary>
public sealed class KafkaOrderRequestPublisher(DurableKafkaProducer producer, IOptions<KafkaOptions> options) : IOrderRequestPublisher
{
    public Task PublishAsync(OrderRequested message, CancellationToken cancellationToken) =>
        producer.SendAsync(
            options.Value.OrderRequestsTopic,
            message.ReservationId.ToString("N"),
            JsonSerializer.SerializeToUtf8Bytes(message, FlashSaleJson.Options),
            cancellationToken);
}
