namespace Marketplace.Api.Infrastructure.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>Prepended to every key the API writes, so several deployments (or tests) share a server.</summary>
    public string KeyPrefix { get; set; } = "marketplace:";

    /// <summary>Connect and command timeout; short, so a dead Redis fails health checks fast.</summary>
    public int TimeoutMilliseconds { get; set; } = 2000;
}
