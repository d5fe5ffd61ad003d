using System.Text.Json;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Publishes <see cref="OrderRequested"/> through the durable producer, keyed by sale id so one
/// sale's requests stay in order on one partition.
/// </summary>
public sealed class KafkaOrderRequestPublisher(DurableKafkaProducer producer, IOptions<KafkaOptions> options) : IOrderRequestPublisher
{
    public Task PublishAsync(OrderRequested message, CancellationToken cancellationToken) =>
        producer.SendAsync(
            options.Value.OrderRequestsTopic,
            message.SaleId.ToString("N"),
            JsonSerializer.SerializeToUtf8Bytes(message, FlashSaleJson.Options),
            cancellationToken);
}
