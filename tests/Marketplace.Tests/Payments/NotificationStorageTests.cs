using System.Net;
using System.Text;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.Payments;

/// <summary>
/// The notify endpoint is open to anyone, so what it stores is bounded: stored fields are cut to a
/// configured size (before, a body up to the request limit was stored whole), and a NUL in a field
/// is answered <c>failure</c> like any malformed form, never a 500.
/// </summary>
public sealed class NotificationStorageTests(NotificationStorageTests.LimitedApiFactory api) : IClassFixture<NotificationStorageTests.LimitedApiFactory>
{
    private const string Path = "/api/payments/alipay/notify";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notification_with_a_nul_or_an_oversized_field_is_answered_and_stored_bounded()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];

        var nul = await NotifyAsync(api, "10.0.1.1", new() { ["out_trade_no"] = tag + "\0x", ["subject"] = "a\0b" });
        var huge = await NotifyAsync(api, "10.0.1.2", new() { ["out_trade_no"] = tag + "-huge", ["body"] = new string('x', 12_000) });

        Assert.Equal(("failure", "failure"), (nul, huge));
        // ASP.NET Core's form reader refuses NUL itself: the refusal is stored as a malformed form, never a 500.
        Assert.Equal(1, await api.ScalarAsync(
            "SELECT count(*) FROM payment_notifications WHERE fields = '{}'::jsonb AND reason LIKE 'malformed form:%'"));
        Assert.Equal(1, await api.ScalarAsync(
            $"SELECT count(*) FROM payment_notifications WHERE out_trade_no = '{tag}-huge' AND (fields->>'truncated')::boolean " +
            "AND length(fields->>'prefix') = 1024 AND (fields->>'length')::int > 12000"));
    }

    internal static async Task<string> NotifyAsync(MarketplaceApiFactory api, string source, Dictionary<string, string> fields)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add(LimitedApiFactory.SourceHeader, source);
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/plain",
            $"notify: {(int)response.StatusCode} {body}");
        return body;
    }

    /// <summary>Small limits in a long window, and the caller's address taken from a test header.</summary>
    public class LimitedApiFactory : MarketplaceApiFactory
    {
        public const string SourceHeader = "X-Test-Source";

        protected virtual int RefusedTotal => 1000;

        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["Payments:NotificationStorage:RefusedPerSource"] = "3",
            ["Payments:NotificationStorage:RefusedTotal"] = RefusedTotal.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Payments:NotificationStorage:Window"] = "01:00:00",
            ["Payments:NotificationStorage:MaxStoredChars"] = "1024",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, SourceFromHeader>());
        }

        private sealed class SourceFromHeader : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                {
                    if (context.Request.Headers[SourceHeader] is [{ } source])
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(source);
                    }

                    return nextMiddleware(context);
                });
                next(app);
            };
        }
    }
}
