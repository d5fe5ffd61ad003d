using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Marketplace.Gateway;

/// <summary>
/// YARP's routes and cluster from <see cref="GatewayOptions"/>: every path to one cluster of API instances, picked by
/// power of two choices (the less busy of two at random). An instance leaves the rotation after
/// <see cref="GatewayOptions.UnhealthyAfterFailures"/> failed <c>/readyz</c> answers, or at once when requests to it
/// fail at the transport (a killed process refuses connections), and comes back when <c>/readyz</c> answers again.
/// </summary>
public static class GatewayProxyConfig
{
    public const string ClusterId = "marketplace";

    public static IReadOnlyList<RouteConfig> Routes() =>
    [
        new RouteConfig { RouteId = "all", ClusterId = ClusterId, Match = new RouteMatch { Path = "{**catch-all}" } },
    ];

    public static IReadOnlyList<ClusterConfig> Clusters(GatewayOptions options) =>
    [
        new ClusterConfig
        {
            ClusterId = ClusterId,
            LoadBalancingPolicy = "PowerOfTwoChoices",
            HealthCheck = new HealthCheckConfig
            {
                Active = new ActiveHealthCheckConfig
                {
                    Enabled = true,
                    Interval = options.HealthCheckInterval,
                    Timeout = options.HealthCheckTimeout,
                    Policy = HealthCheckConstants.ActivePolicy.ConsecutiveFailures,
                    Path = "/readyz",
                },
                Passive = new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                    ReactivationPeriod = options.ReactivationPeriod,
                },
                AvailableDestinationsPolicy = HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
            },
            Metadata = new Dictionary<string, string>
            {
                ["ConsecutiveFailuresHealthPolicy.Threshold"] = options.UnhealthyAfterFailures.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // Out after 1 failed request in 2 at the transport, counted over 10 s from the 2nd request on.
                ["TransportFailureRateHealthPolicy.RateLimit"] = "0.5",
            },
            Destinations = options.Destinations.Select((address, i) => (address, i))
                .ToDictionary(d => $"api-{d.i + 1}", d => new DestinationConfig { Address = d.address }),
        },
    ];
}
