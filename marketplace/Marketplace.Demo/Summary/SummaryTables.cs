using System.Globalization;
using Spectre.Console;

namespace Marketplace.Demo.Summary;

/// <summary>Prints the summary as Spectre tables: sale, payments, reviews by status/family/intent, latency, invariants.</summary>
public static class SummaryTables
{
    private static readonly string[] Statuses = ["PUBLISHED", "HELD", "REJECTED", "PENDING"];

    public static void Print(DemoSummary s)
    {
        var f = s.FlashSale;
        var sale = Table("Flash sale", "figure", "value");
        sale.AddRow("buyers x purchases per buyer", $"{s.Settings.Buyers} x {s.Settings.RequestsPerBuyer} = {f.PurchaseRequests} requests in {N(f.PurchaseSeconds)} s");
        sale.AddRow("stock", N(f.Stock));
        sale.AddRow("reservations (202)", N(f.Reservations));
        sale.AddRow("orders / stock", $"{f.Orders} / {f.Stock}");
        sale.AddRow("reservations ordered / released / undecided", $"{f.Ordered} / {f.Released} / {f.Undecided}");
        sale.AddRow("remaining stock (Redis gate, via the API)", N(f.RemainingStock));
        sale.AddRow("buyers with several reservations / orders", $"{f.BuyersWithSeveralReservations} / {f.BuyersWithSeveralOrders}");
        foreach (var (outcome, count) in f.Outcomes)
        {
            sale.AddRow($"purchase answer {Markup.Escape(outcome)}", N(count));
        }

        AnsiConsole.Write(sale);

        var p = s.Payments;
        var pay = Table("Orders and payments", "figure", "value");
        pay.AddRow("orders", N(p.Orders));
        pay.AddRow("sandbox trades TRADE_SUCCESS", N(p.TradesPaid));
        pay.AddRow("orders PAID (notification applied)", N(p.Paid));
        pay.AddRow("shipped / secret delivered", $"{p.Shipped} / {p.SecretsDelivered}");
        pay.AddRow("completed (buyer confirmed)", N(p.Completed));
        pay.AddRow("pay -> PAID p50", $"{Ms(p.PaymentSecondsP50 * 1000)} ms");
        foreach (var failure in p.Failures)
        {
            pay.AddRow("[red]failure[/]", Markup.Escape(failure));
        }

        AnsiConsole.Write(pay);

        if (s.Reviews is { } r)
        {
            var byStatus = Table($"Reviews ({r.Submitted} in {r.Languages.Count} languages: {string.Join(' ', r.Languages)})", "status", "reviews");
            foreach (var (status, count) in r.ByStatus)
            {
                byStatus.AddRow(status, N(count));
            }

            byStatus.AddRow("language family predicted right", $"{r.FamilyPredictedCorrectly} / {r.Submitted}");
            byStatus.AddRow("listing page total / seller rating count", $"{r.ListingPageTotal} / {r.SellerReviewCount} (average {(r.SellerAverageRating is { } a ? N(a) : "none")})");
            byStatus.AddRow("admin HELD queue (all runs)", N(r.AdminHeldQueue));
            AnsiConsole.Write(byStatus);
            AnsiConsole.Write(Breakdown("Reviews by language family (expected)", "family", r.ByFamily));
            AnsiConsole.Write(Breakdown("Reviews by what they were written to be", "written as", r.ByIntent));

            var latency = Table("Moderation latency (review createdAt -> moderatedAt)", "figure", "value");
            latency.AddRow("moderated reviews", N(r.ModerationLatencyMs.Count));
            latency.AddRow("p50", $"{Ms(r.ModerationLatencyMs.P50)} ms");
            latency.AddRow("p99", $"{Ms(r.ModerationLatencyMs.P99)} ms");
            latency.AddRow("max", $"{Ms(r.ModerationLatencyMs.Max)} ms");
            latency.AddRow("demo waited for verdicts", $"{N(r.WaitSeconds)} s");
            AnsiConsole.Write(latency);
        }

        var checks = Table("Invariants", "", "invariant", "detail");
        foreach (var i in s.Invariants)
        {
            checks.AddRow(i.Passed ? "[green]ok[/]" : "[red]FAIL[/]", Markup.Escape(i.Name), Markup.Escape(i.Detail));
        }

        AnsiConsole.Write(checks);
        AnsiConsole.MarkupLine(s.Passed
            ? $"[green]demo passed[/] in {N(s.DurationSeconds)} s (run {s.RunTag})"
            : $"[red]demo failed[/]: {s.Invariants.Count(i => !i.Passed)} invariant(s) broken (run {s.RunTag})");
    }

    private static Table Breakdown(string title, string key, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> rows)
    {
        var table = Table(title, [key, .. Statuses]);
        foreach (var (name, counts) in rows)
        {
            table.AddRow([name, .. Statuses.Select(st => N(counts.GetValueOrDefault(st)))]);
        }

        return table;
    }

    private static Table Table(string title, params string[] columns)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Border = TableBorder.Rounded };
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        return table;
    }

    private static string Ms(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString(value == Math.Floor(value) ? "N0" : "N2", CultureInfo.InvariantCulture);
}
