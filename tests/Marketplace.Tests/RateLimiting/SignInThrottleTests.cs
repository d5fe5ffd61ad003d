using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Infrastructure.RateLimiting;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Reviews;

namespace Marketplace.Tests.RateLimiting;

public sealed class SignInThrottleApiFactory() : ThrottledApiFactory(new Dictionary<string, string?>
{
    ["RateLimiting:SignInPerAddress:PermitLimit"] = "3",
    ["RateLimiting:SignInPerAddress:Window"] = "00:01:00",
    ["RateLimiting:SignInPerAccount:PermitLimit"] = "4",
    ["RateLimiting:SignInPerAccount:Window"] = "00:01:00",
});

public sealed class SignInThrottleTests(SignInThrottleApiFactory api) : IClassFixture<SignInThrottleApiFactory>
{
    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = "wrong-password-1") =>
        client.PostAsJsonAsync("/api/auth/login", new { email, password }, TestContext.Current.CancellationToken);

    private static int _ipv6Prefix = 0x100;

    [Fact]
    public async Task Sign_ins_past_the_per_address_limit_are_429_with_retry_after_and_other_addresses_go_on()
    {
        using var refusals = new RefusalCounter(api.Services);
        var address = api.From(ThrottledClients.NewAddress());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(address, AccountsApi.NewEmail())).StatusCode);
        }

        await ThrottledClients.IsRefusedAsync(await LoginAsync(address, AccountsApi.NewEmail()), "rate-limited", 60);
        Assert.Equal(1, refusals[RateLimitPolicies.SignInPerAddress]);

        var other = api.From(ThrottledClients.NewAddress());
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(other, AccountsApi.NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Ipv6_clients_are_limited_by_their_slash_64_not_per_address()
    {
        // Four addresses of one /64 (documentation prefix 2001:db8::/32, a /64 no other test uses) share one limit of 3.
        var prefix = $"2001:db8:{Interlocked.Increment(ref _ipv6Prefix):x}:1";
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(api.From($"{prefix}::{i}"), AccountsApi.NewEmail())).StatusCode);
        }

        await ThrottledClients.IsRefusedAsync(await LoginAsync(api.From($"{prefix}::ffff:4"), AccountsApi.NewEmail()), "rate-limited", 60);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(api.From($"2001:db8:{Interlocked.Increment(ref _ipv6Prefix):x}:2::1"), AccountsApi.NewEmail())).StatusCode);
    }

    [Fact]
    public async Task Sign_ins_to_one_account_past_its_limit_are_429_from_any_address_even_with_the_right_password()
    {
        using var refusals = new RefusalCounter(api.Services);
        var email = AccountsApi.NewEmail();
        await api.CreateClient().RegisterAsync(email);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(api.From(ThrottledClients.NewAddress()), email)).StatusCode);
        }

        // Case and spaces do not make another account.
        var refused = await LoginAsync(api.From(ThrottledClients.NewAddress()), " " + email.ToUpperInvariant(), AccountsApi.DefaultPassword);
        await ThrottledClients.IsRefusedAsync(refused, "rate-limited", 60);
        Assert.Equal(1, refusals[RateLimitPolicies.SignInPerAccount]);
        Assert.Equal(0, refusals[RateLimitPolicies.SignInPerAddress]);
    }

    [Fact]
    public async Task Refusals_are_exported_at_metrics_by_policy()
    {
        using var refusals = new RefusalCounter(api.Services);
        var address = api.From(ThrottledClients.NewAddress());
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await LoginAsync(address, AccountsApi.NewEmail());
        }

        // This host counted this test's refusal, and the policy's series is what /metrics exports.
        await ThrottledClients.IsRefusedAsync(last!, "rate-limited", 60);
        Assert.Equal(1, refusals[RateLimitPolicies.SignInPerAddress]);
        var text = await PrometheusText.ScrapeAsync(api.CreateClient());
        Assert.Matches("""marketplace_rate_limit_refusals_total\{[^}]*policy="sign-in-address"[^}]*\} [1-9]""", text);
    }

    [Fact]
    public async Task X_forwarded_for_is_ignored_without_configured_proxies()
    {
        var address = ThrottledClients.NewAddress();
        for (var i = 0; i < 3; i++)
        {
            var client = api.From(address);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", ThrottledClients.NewAddress());
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, AccountsApi.NewEmail())).StatusCode);
        }

        var spoofing = api.From(address);
        spoofing.DefaultRequestHeaders.Add("X-Forwarded-For", ThrottledClients.NewAddress());
        await ThrottledClients.IsRefusedAsync(await LoginAsync(spoofing, AccountsApi.NewEmail()), "rate-limited", 60);
    }

    [Fact]
    public async Task The_limit_holds_across_two_api_instances_sharing_redis()
    {
        await using var second = api.SecondInstance();
        await second.InitializeAsync();
        var address = ThrottledClients.NewAddress();
        var first = api.From(address);
        var other = second.From(address);

        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(first, AccountsApi.NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(other, AccountsApi.NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(other, AccountsApi.NewEmail())).StatusCode);

        await ThrottledClients.IsRefusedAsync(await LoginAsync(first, AccountsApi.NewEmail()), "rate-limited", 60);
        await ThrottledClients.IsRefusedAsync(await LoginAsync(other, AccountsApi.NewEmail()), "rate-limited", 60);
    }
}
