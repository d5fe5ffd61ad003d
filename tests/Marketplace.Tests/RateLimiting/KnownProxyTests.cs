using System.Net;
using System.Net.Http.Json;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.RateLimiting;

public sealed class KnownProxyApiFactory() : ThrottledApiFactory(new Dictionary<string, string?>
{
    ["RateLimiting:SignInPerAddress:PermitLimit"] = "1",
    ["RateLimiting:KnownProxies:0"] = KnownProxyTests.Proxy,
});

public sealed class KnownProxyTests(KnownProxyApiFactory api) : IClassFixture<KnownProxyApiFactory>
{
    public const string Proxy = "10.9.9.9";

    private static async Task<HttpResponseMessage> LoginThroughProxyAsync(HttpClient proxy, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
        {
            Content = JsonContent.Create(new { email = AccountsApi.NewEmail(), password = "wrong-password-1" }),
        };
        request.Headers.Add("X-Forwarded-For", client);
        return await proxy.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Behind_a_configured_proxy_each_forwarded_client_has_its_own_limit()
    {
        var proxy = api.From(Proxy);
        var (alice, bob) = (ThrottledClients.NewAddress(), ThrottledClients.NewAddress());

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginThroughProxyAsync(proxy, alice)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginThroughProxyAsync(proxy, bob)).StatusCode);
        await ThrottledClients.IsRefusedAsync(await LoginThroughProxyAsync(proxy, alice), "rate-limited", 60);
    }

    [Fact]
    public async Task A_connection_not_from_the_proxy_cannot_choose_its_address()
    {
        var direct = api.From(ThrottledClients.NewAddress());

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginThroughProxyAsync(direct, ThrottledClients.NewAddress())).StatusCode);
        await ThrottledClients.IsRefusedAsync(await LoginThroughProxyAsync(direct, ThrottledClients.NewAddress()), "rate-limited", 60);
    }
}
