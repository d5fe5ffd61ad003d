using System.Globalization;
using System.Text;

namespace FlashSale.Benchmarks;

/// <summary>Writes flash-sale.md (for people) and flash-sale.json (for tools) side by side.</summary>
public static class ReportWriter
{
    public static void Write(BenchReport r, string directory) => ResultFiles.Write(directory, "flash-sale", r, Markdown(r));

    private static string Markdown(BenchReport r)
    {
        var s = r.Settings;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $$"""
            # Flash sale benchmark

            Run {{r.RunAt:yyyy-MM-dd HH:mm}} UTC with `dotnet run -c Release --project bench/FlashSale.Benchmarks`.
            Machine: {{r.Machine["cpu"]}}, {{r.Machine["logical_cores"]}} logical cores, {{r.Machine["os"]}}, {{r.Machine["dotnet"]}};
            load average {{r.Machine["load_average_1_5_15"]}} when the run started (other engineers' builds and tests share the machine).
            Everything on that one machine over loopback, in the same run: the load generator, the API
            (Release build, Kestrel, its own process), PostgreSQL 15, Redis 7 (AOF everysec) and
            librdkafka's in-process mock Kafka cluster (3 brokers) inside the API process.

            ## Results

            | Path | Requests | Req/s | p50 ms | p95 ms | p99 ms | Errors |
            |---|---:|---:|---:|---:|---:|---:|
            | Purchase `POST /api/flash-sales/{id}/purchase` | {{F(r.Settings.Buyers)}} | {{F(r.PurchaseRps)}} | {{F(r.PurchaseP50Ms, 2)}} | {{F(r.PurchaseP95Ms, 2)}} | {{F(r.PurchaseP99Ms, 2)}} | {{r.PurchaseErrors}} |
            | HTTP floor `GET /api/bench/ping` (JWT auth, no I/O) | {{F(s.TrivialRequests)}} | {{F(r.TrivialRps)}} | {{F(r.TrivialP50Ms, 2)}} | {{F(r.TrivialP95Ms, 2)}} | {{F(r.TrivialP99Ms, 2)}} | {{r.TrivialErrors}} |
            | Redis limit: `redis-benchmark` EVALSHA of the gate script | {{F(s.RedisRequests)}} | {{F(r.RedisLuaOps)}} | {{F(r.RedisLuaP50Ms ?? 0, 2)}} | – | {{F(r.RedisLuaP99Ms ?? 0, 2)}} | 0 |
            | Naive `POST /api/bench/naive-purchase`: PostgreSQL transaction, `SELECT ... FOR UPDATE` on the stock row | {{F(s.NaiveRequests)}} | {{F(r.NaiveRps)}} | {{F(r.NaiveP50Ms, 2)}} | {{F(r.NaiveP95Ms, 2)}} | {{F(r.NaiveP99Ms, 2)}} | {{r.NaiveErrors}} |

            Purchase answers: {{string.Join(", ", r.PurchaseStatuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}}.
            Naive answers: {{string.Join(", ", r.NaiveOutcomes.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}}.

            | Target | Measured | Met |
            |---|---:|:---:|
            | Purchase ≥ 50% of the HTTP floor | {{F(r.PurchaseVsTrivial * 100, 1)}}% | {{Yes(r.TargetHalfOfTrivialMet)}} |
            | Purchase ≥ 10× the naive baseline | {{F(r.PurchaseVsNaive, 1)}}× | {{Yes(r.TargetTenTimesNaiveMet)}} |
            | Zero oversell | {{r.Oversold}} oversold | {{Yes(r.Oversold == 0)}} |

            ## Invariants after the purchase phase (read from PostgreSQL and Redis once the consumer drained)

            | Stock | 202 answers | Orders | Oversold | Buyers with two orders | PostgreSQL stock left | Redis stock left | All hold |
            |---:|---:|---:|---:|---:|---:|---:|:---:|
            | {{r.Stock}} | {{r.Accepted}} | {{r.Orders}} | {{r.Oversold}} | {{r.DuplicateBuyers}} | {{r.PgStockLeft}} | {{r.RedisStockLeft}} | {{Yes(r.InvariantsHold)}} |

            ## How it was measured

            - Closed loop: {{s.Concurrency}} concurrent HTTP/1.1 workers (HttpClient over SocketsHttpHandler, one
              pooled connection each) send the next request as soon as the last answered; per-request latency
              is wall time to the full response; percentiles are nearest-rank over every sample. Each phase is
              bounded by its request count and {{s.PhaseLimit.TotalSeconds}} s.
            - Warm-up first (1,000 trivial requests and 1,000 purchases on a separate 100-unit sale).
            - Purchase phase: {{F(s.Buyers)}} distinct buyers (inserted with COPY, tokens minted with the
              API's key), one purchase each, against a sale of {{F(s.Stock)}} units: the first {{F(s.Stock)}}
              are reserved (one Lua gate call, no lock without an Idempotency-Key, Kafka produce in the background), the rest are
              refused sold-out by the same gate. Orders are created by the API's consumer meanwhile.
            - HTTP floor: `GET /api/bench/ping`, added by the benchmark in front of the API's pipeline; it passes
              the same JWT authentication and buyer policy as a purchase and returns the caller's id.
            - Redis limit: `{{r.RedisCommand}}`, with random buyer and reservation ids
              against a sale with unbounded stock (every call reserves), on the same Redis server.
            - Naive baseline: `POST /api/bench/naive-purchase` on the same API, through the same HTTP client,
              {{s.Concurrency}} workers and JWTs as the purchase phase, {{F(s.NaiveRequests)}} purchases by distinct buyers against
              {{F(Math.Max(1, (int)((long)s.Stock * s.NaiveRequests / s.Buyers)))}} units (the purchase phase's
              stock-to-buyer ratio): `BEGIN; SELECT stock ... FOR UPDATE; INSERT buyer ON CONFLICT DO NOTHING;
              UPDATE stock = stock - 1; COMMIT`.
            - The naive phase runs after the purchase phase's orders are written; redis-benchmark runs after the API stops.

            ## Reading the numbers

            - Targets met: {{Yes(r.TargetHalfOfTrivialMet)}} (≥ 50% of the floor), {{Yes(r.TargetTenTimesNaiveMet)}} (≥ 10× naive).
            - A purchase without an Idempotency-Key makes one Redis script call (the gate; its buyer set keeps a
              keyed and an unkeyed purchase of one buyer from both reserving) and one background Kafka produce; the floor makes
              none. The Redis limit measured in this run, {{F(r.RedisLuaOps)}} script calls/s, is the ceiling
              of the gate before any HTTP work; the floor is the ceiling of anything served over HTTP here.
            - The naive baseline's transactions queue on one row lock, so its throughput is bounded by
              PostgreSQL's round trips per transaction rather than by HTTP; purchase/naive can be at most
              floor/naive ({{F(r.TrivialRps / r.NaiveRps, 1)}}× in this run).
            - During the purchase phase the API's consumer also writes the {{F(r.Orders)}} orders to PostgreSQL on
              the same two cores, as it would in production.
            - The machine is shared: the load average above was measured as the run started, and repeated
              runs moved every figure here by a factor of two or more (also the Redis and naive baselines).
              Compare ratios within one run, not figures across runs.
            """);
        return md.ToString();
    }

    private static string F(double value, int digits = 0) => value.ToString("N" + digits, CultureInfo.InvariantCulture);

    private static string Yes(bool value) => value ? "yes" : "**no**";
}
