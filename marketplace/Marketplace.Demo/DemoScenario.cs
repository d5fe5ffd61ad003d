using Marketplace.Demo.Http;
using Marketplace.Demo.Phases;
using Marketplace.Demo.Summary;
using Spectre.Console;

namespace Marketplace.Demo;

/// <summary>The whole scenario in order: accounts, flash sale, payments and delivery, reviews; then the summary.</summary>
public static class DemoScenario
{
    public static async Task<DemoSummary> RunAsync(DemoOptions options, CancellationToken ct)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) };
        var context = new DemoContext(new ApiClient(http, options.MarketplaceUrl), new ApiClient(http, options.SandboxUrl), options,
            DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        var startedAt = DateTimeOffset.UtcNow;
        AnsiConsole.MarkupLine($"demo run [bold]{context.RunTag}[/] against {Markup.Escape(options.MarketplaceUrl.ToString())} (sandbox {Markup.Escape(options.SandboxUrl.ToString())})");

        var cast = await AccountsPhase.RunAsync(context, ct);
        var sale = await FlashSalePhase.RunAsync(context, cast, ct);
        AnsiConsole.MarkupLine($"flash sale: {sale.Reservations} reservations, {sale.Orders.Count} orders for {sale.Stock} units");
        var fulfilment = await FulfilmentPhase.RunAsync(context, cast, sale.Orders, ct);
        AnsiConsole.MarkupLine($"orders: {fulfilment.Paid} paid, {fulfilment.Completed} completed of {fulfilment.Orders}");
        ReviewsResult? reviews = null;
        if (!options.SkipReviews)
        {
            reviews = await ReviewsPhase.RunAsync(context, cast, sale, fulfilment.CompletedOrders, ct);
        }

        return SummaryBuilder.Build(context, startedAt, sale, fulfilment, reviews);
    }
}
