using System.Globalization;
using System.Text;

namespace FlashSale.Benchmarks;

/// <summary>Writes flash-sale-scale-out.md and .json.</summary>
public static class ScaleOutReportWriter
{
    public static IReadOnlyList<string> Write(ScaleOutReport r, string directory) =>
        ResultFiles.Write(directory, "flash-sale-scale-out", r, Markdown(r));

    private static string Markdown(ScaleOutReport r)
    {
        var s = r.Settings;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $$"""
            # Flash sale with 1 and more API instances

            Run {{r.RunAt:yyyy-MM-dd HH:mm}} UTC with `dotnet run -c Release --project bench/FlashSale.Benchmarks -- scale-out`.
            Machine: {{r.Machine["cpu"]}}, {{r.Machine["logical_cores"]}} logical cores, {{r.Machine["os"]}}, {{r.Machine["dotnet"]}}.
            Per instance count, in this order, on a fresh database: one mock-Kafka host process (`Marketplace.Api kafka-mock`,
            3 brokers, the order topic's 3 partitions), N API processes (Release) and the YARP gateway in front, as
            `./run.sh --instances N` runs them; {{s.Concurrency}} closed-loop HTTP workers buy through the gateway,
            {{F(s.Buyers)}} buyers for {{F(s.Stock)}} units (after 1,000 warm-up purchases on another sale).
            Everything shares the machine's cores: the load generator, every API process, the gateway, PostgreSQL and Redis.

            | Instances | Purchase req/s | p50 ms | p99 ms | Errors | Orders | Reservation→order span s | Orders/s | Order latency p50 ms | p95 ms | p99 ms | Oversold | Buyers with 2 orders | Load before |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
            """);
        foreach (var row in r.Rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Instances} | {F(row.PurchaseRps)} | {F(row.PurchaseP50Ms, 1)} | {F(row.PurchaseP99Ms, 1)} | {row.PurchaseErrors} | {F(row.Orders)} | {F(row.PipelineSeconds, 1)} | {F(row.OrdersPerSecond)} | {F(row.OrderLatencyP50Ms)} | {F(row.OrderLatencyP95Ms)} | {F(row.OrderLatencyP99Ms)} | {row.Oversold} | {row.DuplicateBuyers} | {row.LoadAverageBefore} |");
        }

        md.AppendLine();
        foreach (var row in r.Rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- {row.Instances} instance(s), purchase answers: {string.Join(", ", row.PurchaseStatuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}.");
        }

        md.AppendLine("""

            ## How it is measured

            - Orders/s: the sale's order rows divided by the time from its first reservation (`flash_reservations.reserved_at`)
              to its last order row (`orders.created_at`), both stamped by the API processes; order latency is each order's
              `created_at − reserved_at`, nearest-rank percentiles over every order.
            - Purchase req/s and latency: wall time at the client through the gateway, as in `flash-sale.md`.
            - Order requests are keyed by reservation, so one sale's requests spread over the topic's partitions and each
              instance's consumer (one group) reads its share; offsets are committed every 200 ms, not per message.
            """);
        return md.ToString();
    }

    private static string F(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);
}
