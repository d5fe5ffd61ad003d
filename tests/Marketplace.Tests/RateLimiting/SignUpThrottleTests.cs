using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Infrastructure.RateLimiting;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.RateLimiting;

public sealed class SignUpThrottleApiFactory() : ThrottledApiFactory(new Dictionary<string, string?>
{
    ["RateLimiting:SignUpPerAddress:PermitLimit"] = "2",
    ["RateLimiting:SignUpPerAddress:Window"] = "00:10:00",
    ["RateLimiting:SignUpPerAccount:PermitLimit"] = "2",
    ["RateLimiting:SignUpPerAccount:Window"] = "00:10:00",
});

public sealed class SignUpThrottleTests(SignUpThrottleApiFactory api) : IClassFixture<SignUpThrottleApiFactory>
{
    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email) =>
        client.PostAsJsonAsync("/api/auth/register",
            new { email, password = AccountsApi.DefaultPassword, displayName = "Throwaway" }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Sign_ups_past_the_per_address_limit_are_429_and_create_no_account()
    {
        using var refusals = new RefusalCounter(api.Services);
        var address = api.From(ThrottledClients.NewAddress());
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(address, AccountsApi.NewEmail())).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(address, AccountsApi.NewEmail())).StatusCode);

        var email = AccountsApi.NewEmail();
        await ThrottledClients.IsRefusedAsync(await RegisterAsync(address, email), "rate-limited", 600);
        Assert.Equal(1, refusals[RateLimitPolicies.SignUpPerAddress]);
        Assert.Equal(0, await api.ScalarAsync($"SELECT count(*) FROM users WHERE normalized_email = '{email.ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task Sign_ups_for_one_email_past_its_limit_are_429_from_any_address()
    {
        using var refusals = new RefusalCounter(api.Services);
        var email = AccountsApi.NewEmail();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(api.From(ThrottledClients.NewAddress()), email)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await RegisterAsync(api.From(ThrottledClients.NewAddress()), email)).StatusCode);

        await ThrottledClients.IsRefusedAsync(await RegisterAsync(api.From(ThrottledClients.NewAddress()), email), "rate-limited", 600);
        Assert.Equal(1, refusals[RateLimitPolicies.SignUpPerAccount]);
    }
}
