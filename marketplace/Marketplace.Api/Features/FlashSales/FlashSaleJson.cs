using System.Text.Json;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>JSON settings for what flash sales write to Redis and Kafka (camelCase, like the HTTP API).</summary>
public static class FlashSaleJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
