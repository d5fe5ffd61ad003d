using System.Net;
using System.Net.Http.Json;
using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Infrastructure.Startup;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Accounts;

/// <summary>The admin seed: never hands the admin role to an account someone else registered; password from a file.</summary>
public sealed class AdminSeedTests(MarketplaceApiFactory api) : IClassFixture<MarketplaceApiFactory>
{
    [Fact]
    public async Task An_existing_non_admin_account_with_the_admin_email_refuses_start_up_and_stays_a_buyer()
    {
        var squatter = await api.NewBuyerAsync();

        var error = await MisconfiguredStart.StartFailureAsync(() => new SecondInstance(api, new Dictionary<string, string?>
        {
            ["Admin:Email"] = squatter.Email,
        }));

        var refused = Assert.IsType<StartupRefusedException>(error);
        Assert.Contains("Admin:Email", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
        var me = await squatter.Client.GetFromJsonAsync<UserResponse>("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal([Roles.Buyer], me!.Roles);
    }

    [Fact]
    public async Task The_admin_password_can_come_from_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "from-a-file-password-1\n", TestContext.Current.CancellationToken);
            var email = AccountsApi.NewEmail("file-admin");
            await using var second = new SecondInstance(api, new Dictionary<string, string?>
            {
                ["Admin:Email"] = email,
                ["Admin:Password"] = null,
                ["Admin:PasswordFile"] = file,
            });
            await second.InitializeAsync();

            var login = await second.CreateClient().PostAsJsonAsync("/api/auth/login",
                new { email, password = "from-a-file-password-1" }, TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            var token = (await login.Content.ReadFromJsonAsync<TokenResponse>(TestContext.Current.CancellationToken))!.AccessToken;
            var me = await second.ClientWithToken(token).GetFromJsonAsync<UserResponse>("/api/auth/me", TestContext.Current.CancellationToken);
            Assert.Contains(Roles.Admin, me!.Roles);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_password_file_fails_start_up_naming_it()
    {
        var error = await MisconfiguredStart.StartFailureAsync(() => new SecondInstance(api, new Dictionary<string, string?>
        {
            ["Admin:Password"] = null,
            ["Admin:PasswordFile"] = "/nonexistent/admin-password",
        }));

        Assert.Contains("Admin:PasswordFile", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Another host of the fixture's deployment (same database) with settings of its own.</summary>
    private sealed class SecondInstance(MarketplaceApiFactory primary, IReadOnlyDictionary<string, string?> settings)
        : MarketplaceApiFactory(primary)
    {
        protected override IReadOnlyDictionary<string, string?> ExtraSettings => settings;
    }
}
