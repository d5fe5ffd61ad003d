namespace FlashSale.Benchmarks;

/// <summary>
/// The baseline the gate replaces: <c>POST /api/bench/naive-purchase</c> on the benchmarked API
/// (<see cref="NaivePurchase"/>: one PostgreSQL transaction locking the stock row), driven through
/// the same HTTP client, concurrency and tokens as the purchase phase.
/// </summary>
public static class NaiveBaseline
{
    public static async Task<(PhaseResult Result, int Sold, int Buyers)> RunAsync(
        BenchDatabase database, HttpClient client, IReadOnlyList<string> tokens, int stock, int requests, int concurrency,
        TimeSpan limit, Func<string, HttpRequestMessage> request, Action<int> progress)
    {
        await database.ExecuteAsync(NaivePurchase.Schema + $"INSERT INTO bench_naive_stock VALUES (1, {stock});");
        var result = await HttpLoad.RunAsync("naive", client, requests, concurrency, limit, i => request(tokens[i % tokens.Count]), progress);
        var left = await database.ScalarAsync<int>("SELECT stock FROM bench_naive_stock WHERE id = 1");
        var sold = (int)await database.ScalarAsync<long>("SELECT count(*) FROM bench_naive_buyers");
        return (result, stock - left, sold);
    }
}
