using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace FlashSale.Benchmarks;

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each send their next request as soon as the last
/// one answered, until every request was sent or the phase's time limit passed.
/// </summary>
public static class HttpLoad
{
    public static async Task<PhaseResult> RunAsync(
        string name, HttpClient client, int requests, int concurrency, TimeSpan limit,
        Func<int, HttpRequestMessage> request, Action<int>? progress = null)
    {
        var samples = new ConcurrentBag<double>();
        var statuses = new ConcurrentDictionary<string, int>();
        var errors = 0;
        var next = -1;
        using var timeout = new CancellationTokenSource(limit);
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests && !timeout.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                string status;
                try
                {
                    using var response = await client.SendAsync(request(i), HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                    status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    if ((int)response.StatusCode >= 500)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                catch (HttpRequestException)
                {
                    status = "transport-error";
                    Interlocked.Increment(ref errors);
                }

                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                progress?.Invoke(1);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        clock.Stop();
        return new PhaseResult(name, LatencyStats.From(samples, clock.Elapsed), statuses, errors);
    }
}
