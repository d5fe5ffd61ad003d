using System.Net;
using System.Net.Http.Json;
using Alipay.Sandbox.Notifications;
using Alipay.Sandbox.Payments;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Features.Payments;
using Marketplace.Tests.Infrastructure;
using Marketplace.Tests.Orders;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SandboxProgram = Alipay.Sandbox.Program;

namespace Marketplace.Tests.Payments;

/// <summary>
/// The Alipay sandbox and the marketplace, both in-process and wired to each other: the marketplace's
/// gateway calls go to the sandbox, the sandbox's notifications to the marketplace's notify endpoint.
/// Real PostgreSQL and Redis behind the marketplace (a database of its own).
/// </summary>
public class PaymentsHarness : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("payments-sandbox-").FullName;
    private readonly WebApplicationFactory<SandboxProgram> _sandbox;

    public PaymentsHarness()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A harness whose marketplace has <paramref name="overrides"/> on top of the payments settings.</summary>
    protected PaymentsHarness(IReadOnlyDictionary<string, string?> overrides)
    {
        Api = new PaymentsApiFactory(_dataDirectory, () => new GatewaySwitch(Gateway) { InnerHandler = _sandbox!.Server.CreateHandler() }, overrides);
        _sandbox = new WebApplicationFactory<SandboxProgram>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Sandbox:DataDirectory", _dataDirectory);
            b.UseSetting("Sandbox:PersistDelay", "00:00:00.200");
            b.UseSetting("Sandbox:Notifications:AttemptTimeout", "00:00:05");
            for (var i = 0; i < RetrySchedule.Count; i++)
            {
                b.UseSetting($"Sandbox:Notifications:RetrySchedule:{i}", RetrySchedule[i].ToString());
            }

            b.ConfigureServices(s => s.AddHttpClient(NotificationDispatcher.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => Api.Server.CreateHandler()));
        });
    }

    /// <summary>Alipay's 4m, 10m, 10m, 1h, 2h, 6h, 15h compressed.</summary>
    public static IReadOnlyList<TimeSpan> RetrySchedule { get; } =
        [.. new[] { 200, 300, 400, 500, 600, 700, 800 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    public PaymentsApiFactory Api { get; }

    /// <summary>Whether the marketplace's gateway calls reach the sandbox (up unless a test takes it down).</summary>
    public GatewayState Gateway { get; } = new();

    public HttpClient Sandbox { get; private set; } = null!;

    public string SandboxDirectory => _dataDirectory;

    public string AppId => File.ReadAllText(Path.Combine(_dataDirectory, "app_id.txt")).Trim();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        // The sandbox first: it writes the keys the marketplace reads.
        Sandbox = _sandbox.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await Api.InitializeAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Sandbox.Dispose();
        await _sandbox.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
        GC.SuppressFinalize(this);
    }

    public T Service<T>() where T : notnull => Api.Services.GetRequiredService<T>();

    /// <summary>A seller with one listing and a buyer who bought one unit through the purchase endpoint.</summary>
    public async Task<Purchase> PurchaseAsync(string kind = "code", decimal amount = 19.99m, int stock = 5)
    {
        var seller = await Api.NewSellerAsync();
        var buyer = await Api.NewBuyerAsync();
        var listing = await seller.Client.CreateListingAsync(CatalogApi.ListingBody(kind: kind, amount: amount, currency: "CNY", stock: stock));
        var order = await buyer.Client.BuyAsync(listing.Id);
        return new Purchase(seller, buyer, listing, order);
    }

    public static async Task<PayResponse> PayUrlAsync(TestUser buyer, Guid orderId)
    {
        var response = await buyer.Client.PostAsync($"/api/orders/{orderId}/pay", null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"pay: {(int)response.StatusCode} {body}");
        return (await response.Content.ReadFromJsonAsync<PayResponse>(Ct))!;
    }

    /// <summary>The buyer follows the payment URL: the sandbox opens the trade and shows its pay page.</summary>
    public async Task OpenTradeAsync(PayResponse pay)
    {
        using var page = await Sandbox.GetAsync(pay.PaymentUrl, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    /// <summary>The buyer pays at the sandbox (its API, as the pay page's button does); it then notifies the marketplace.</summary>
    public async Task<HttpStatusCode> SandboxPayAsync(string outTradeNo)
    {
        using var paid = await Sandbox.PostAsync(new Uri($"/sandbox/trades/{outTradeNo}/pay", UriKind.Relative), null, Ct);
        return paid.StatusCode;
    }

    public async Task<TradeView> TradeAsync(string outTradeNo) =>
        (await Sandbox.GetFromJsonAsync<TradeView>(new Uri($"/sandbox/trades/{outTradeNo}", UriKind.Relative), Ct))!;

    public async Task<string> OrderStateAsync(Guid orderId) =>
        (await Api.ScalarTextAsync("SELECT state FROM orders WHERE id = @id", orderId))!;

    public async Task<string> NotifyAsync(IReadOnlyDictionary<string, string> fields)
    {
        using var client = Api.CreateClient();
        using var response = await client.PostAsync("/api/payments/alipay/notify", new FormUrlEncodedContent(fields), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.Content.Headers.ContentType?.MediaType == "text/plain", $"notify: {(int)response.StatusCode} {body}");
        return body;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, Func<Task<string>>? describe = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail("condition not reached in time; " + (describe is null ? "" : await describe()));
            }

            await Task.Delay(50, Ct);
        }
    }
}

public sealed record Purchase(TestUser Seller, TestUser Buyer, ListingResponse Listing, OrderResponse Order)
{
    public string OutTradeNo => Order.Id.ToString("N");
}
