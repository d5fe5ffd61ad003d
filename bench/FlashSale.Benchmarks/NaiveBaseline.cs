using System.Diagnostics;
using Npgsql;

namespace FlashSale.Benchmarks;

/// <summary>
/// The baseline the gate replaces: one PostgreSQL transaction per purchase that locks the stock row
/// (<c>SELECT ... FOR UPDATE</c>), checks the buyer, decrements and commits. Driven straight from
/// this process with Npgsql (no HTTP in front), which flatters it: the comparison is conservative.
/// </summary>
public static class NaiveBaseline
{
    private const string Schema = """
        CREATE TABLE bench_naive_stock (id int PRIMARY KEY, stock int NOT NULL CHECK (stock >= 0));
        CREATE TABLE bench_naive_buyers (user_id uuid PRIMARY KEY);
        """;

    public static async Task<(PhaseResult Result, int Sold, int Buyers)> RunAsync(
        BenchDatabase database, IReadOnlyList<Guid> buyers, int stock, int requests, int concurrency, TimeSpan limit, Action<int> progress)
    {
        await database.ExecuteAsync(Schema + $"INSERT INTO bench_naive_stock VALUES (1, {stock});");
        var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = concurrency }.ConnectionString);
        await using (dataSource)
        {
            var samples = new System.Collections.Concurrent.ConcurrentBag<double>();
            var outcomes = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            var next = -1;
            using var timeout = new CancellationTokenSource(limit);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < requests && !timeout.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    var outcome = await PurchaseAsync(dataSource, buyers[i % buyers.Count]);
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                    progress(1);
                }
            })));
            clock.Stop();
            var left = await database.ScalarAsync<int>("SELECT stock FROM bench_naive_stock WHERE id = 1");
            var sold = (int)await database.ScalarAsync<long>("SELECT count(*) FROM bench_naive_buyers");
            return (new PhaseResult("naive", LatencyStats.From(samples, clock.Elapsed), outcomes, 0), stock - left, sold);
        }
    }

    private static async Task<string> PurchaseAsync(NpgsqlDataSource dataSource, Guid buyer)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var select = new NpgsqlCommand("SELECT stock FROM bench_naive_stock WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            if ((int)(await select.ExecuteScalarAsync())! <= 0)
            {
                await transaction.RollbackAsync();
                return "sold-out";
            }
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO bench_naive_buyers VALUES (@user) ON CONFLICT DO NOTHING", connection, transaction))
        {
            insert.Parameters.AddWithValue("user", buyer);
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                await transaction.RollbackAsync();
                return "already-purchased";
            }
        }

        await using (var update = new NpgsqlCommand("UPDATE bench_naive_stock SET stock = stock - 1 WHERE id = 1", connection, transaction))
        {
            await update.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return "reserved";
    }
}
