using Npgsql;

namespace FlashSale.Benchmarks;

/// <summary>
/// The design the flash-sale gate replaces, served behind the same HTTP, authentication and
/// buyer policy as a real purchase so the benchmark compares like with like: one PostgreSQL
/// transaction that locks the stock row (<c>SELECT ... FOR UPDATE</c>), records the buyer,
/// decrements and commits. Its tables (<see cref="Schema"/>) are created by the benchmark.
/// </summary>
public static class NaivePurchase
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS bench_naive_stock (id int PRIMARY KEY, stock int NOT NULL CHECK (stock >= 0));
        CREATE TABLE IF NOT EXISTS bench_naive_buyers (user_id uuid PRIMARY KEY);
        """;

    /// <summary>The outcome when the benchmark has not created its tables (a 409, not a 500).</summary>
    public const string NotPrepared = "not-prepared";

    public static async Task<string> PurchaseAsync(NpgsqlDataSource dataSource, Guid buyer, CancellationToken cancellationToken)
    {
        try
        {
            return await PurchaseOnceAsync(dataSource, buyer, cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return NotPrepared;
        }
    }

    private static async Task<string> PurchaseOnceAsync(NpgsqlDataSource dataSource, Guid buyer, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var select = new NpgsqlCommand("SELECT stock FROM bench_naive_stock WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            var stock = await select.ExecuteScalarAsync(cancellationToken);
            if (stock is not int left || left <= 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return stock is null ? NotPrepared : "sold-out";
            }
        }

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO bench_naive_buyers VALUES (@user) ON CONFLICT DO NOTHING", connection, transaction))
        {
            insert.Parameters.AddWithValue("user", buyer);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return "already-purchased";
            }
        }

        await using (var update = new NpgsqlCommand("UPDATE bench_naive_stock SET stock = stock - 1 WHERE id = 1", connection, transaction))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return "reserved";
    }
}
