using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Infrastructure.RateLimiting;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.RateLimiting;

public sealed class SignInLockoutApiFactory() : ThrottledApiFactory(new Dictionary<string, string?>
{
    ["RateLimiting:LockoutFailures"] = "3",
    ["RateLimiting:LockoutFailureWindow"] = "00:01:00",
    ["RateLimiting:LockoutDuration"] = "00:00:02",
});

public sealed class SignInLockoutTests(SignInLockoutApiFactory api) : IClassFixture<SignInLockoutApiFactory>
{
    private Task<HttpResponseMessage> LoginAsync(string email, string password) =>
        api.From(ThrottledClients.NewAddress()).PostAsJsonAsync("/api/auth/login", new { email, password }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task Repeated_failures_lock_the_account_even_for_the_right_password_until_the_lock_expires()
    {
        using var refusals = new RefusalCounter(api.Services);
        var email = AccountsApi.NewEmail();
        await api.CreateClient().RegisterAsync(email);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "wrong-password-1")).StatusCode);
        }

        await ThrottledClients.IsRefusedAsync(await LoginAsync(email, AccountsApi.DefaultPassword), "sign-in-locked-out", 2);
        Assert.Equal(1, refusals[RateLimitPolicies.SignInLockout]);

        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, AccountsApi.DefaultPassword)).StatusCode);
    }

    [Fact]
    public async Task Guesses_racing_each_other_get_no_more_tries_than_the_lock_out_allows()
    {
        // Twelve wrong passwords at once: before, all passed the lock check before any failure was counted.
        var email = AccountsApi.NewEmail();
        await api.CreateClient().RegisterAsync(email);
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => LoginAsync(email, "wrong-password-1")));

        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(9, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task A_successful_sign_in_forgets_the_failures_before_it()
    {
        var email = AccountsApi.NewEmail();
        await api.CreateClient().RegisterAsync(email);
        for (var round = 0; round < 2; round++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "wrong-password-1")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "wrong-password-1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await LoginAsync(email, AccountsApi.DefaultPassword)).StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_emails_lock_too_so_a_lock_out_reveals_nothing()
    {
        var email = AccountsApi.NewEmail("nobody");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(email, "wrong-password-1")).StatusCode);
        }

        await ThrottledClients.IsRefusedAsync(await LoginAsync(email, "wrong-password-1"), "sign-in-locked-out", 2);
    }
}
