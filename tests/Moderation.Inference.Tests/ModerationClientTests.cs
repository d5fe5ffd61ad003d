using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Contracts;

namespace Moderation.Inference.Tests;

public class ModerationClientTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static ModerationClient Client(Uri address)
    {
        var services = new ServiceCollection();
        services.AddModerationClient(o =>
        {
            o.BaseAddress = address;
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.AttemptTimeout = TimeSpan.FromSeconds(20);
            o.TotalTimeout = TimeSpan.FromSeconds(60);
            o.BreakerSamplingDuration = TimeSpan.FromSeconds(60);
        });
        return services.BuildServiceProvider().GetRequiredService<ModerationClient>();
    }

    [Fact]
    public async Task The_typed_client_gets_verdicts_through_the_resilience_pipeline()
    {
        var client = Client(fixture.Server.Address);
        var response = await client.ModerateAsync([new ModerationItem("r1", "Great seller"), new ModerationItem("r2", "Click this link to win")], TestContext.Current.CancellationToken);
        Assert.Equal(["r1", "r2"], response.Results.Select(r => r.Id));
        Assert.Equal(TestBundles.Version(fixture.Bundle), response.ModelVersion);
        var single = await client.ModerateAsync("r3", "Great seller", TestContext.Current.CancellationToken);
        Moderate.AssertSame(ModerationVerdict.From(response.Results[0]), ModerationVerdict.From(single));
    }

    [Fact]
    public async Task A_refused_request_raises_the_problem_type_without_retrying()
    {
        var client = Client(fixture.Server.Address);
        var items = Enumerable.Range(0, 65).Select(i => new ModerationItem("i" + i, "x")).ToList();
        var e = await Assert.ThrowsAsync<ModerationServiceException>(() => client.ModerateAsync(items, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, e.Status);
        Assert.Equal("https://moderation.local/problems/inference/too-many-items", e.ProblemType);
    }

    [Fact]
    public async Task A_service_that_is_down_raises_unavailable_after_the_retries()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var client = Client(new Uri($"http://127.0.0.1:{port}/"));
        await Assert.ThrowsAsync<ModerationUnavailableException>(() => client.ModerateAsync("a", "text", TestContext.Current.CancellationToken));
    }
}
