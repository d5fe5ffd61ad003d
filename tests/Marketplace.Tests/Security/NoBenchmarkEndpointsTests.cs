using System.Net;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Security;

/// <summary>
/// Benchmark endpoints belong to the benchmark that uses them (bench/FlashSale.Benchmarks adds them to the API it
/// hosts): the production API carries no benchmark code, and the switch that used to map them maps nothing.
/// </summary>
public sealed class NoBenchmarkEndpointsTests(NoBenchmarkEndpointsTests.BenchmarkSwitchApiFactory api)
    : IClassFixture<NoBenchmarkEndpointsTests.BenchmarkSwitchApiFactory>
{
    [Fact]
    public async Task The_api_maps_no_benchmark_endpoint_even_with_the_old_switch_on()
    {
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>().Select(e => e.RoutePattern.RawText ?? "").ToList();
        Assert.Contains("/api/orders/{id:guid}/ship", routes);
        Assert.DoesNotContain(routes, route => route.StartsWith("/api/bench", StringComparison.Ordinal));

        using var client = api.CreateClient();
        var ping = await client.GetAsync("/api/bench/ping", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, ping.StatusCode);
    }

    [Fact]
    public void The_api_assembly_has_no_benchmark_types()
    {
        var benchmarkTypes = typeof(Program).Assembly.GetTypes()
            .Where(type => type.Namespace?.Contains("Benchmark", StringComparison.Ordinal) == true || type.Name.StartsWith("Bench", StringComparison.Ordinal))
            .Select(type => type.FullName);
        Assert.Empty(benchmarkTypes);
    }

    /// <summary>The API with the old <c>Benchmark:Enabled</c> switch on.</summary>
    public sealed class BenchmarkSwitchApiFactory : MarketplaceApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings { get; } =
            new Dictionary<string, string?> { ["Benchmark:Enabled"] = "true" };
    }
}
