using System.Text.Json;
using Marketplace.Api.Infrastructure.Messaging;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>
/// Puts failed cache writes on the retry topic through the durable producer, keyed by region and
/// id so one entry's retries stay in order on one partition.
/// </summary>
public sealed class CacheRepairPublisher(DurableKafkaProducer producer, IOptions<CacheOptions> options)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task PublishAsync(CacheRepair repair, CancellationToken cancellationToken) =>
        producer.SendAsync(
            options.Value.RepairTopic,
            repair.Region + ":" + repair.Id.ToString("N"),
            JsonSerializer.SerializeToUtf8Bytes(repair, Json),
            cancellationToken);
}
