using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Inference.Benchmarks;

/// <summary>
/// Closed-loop load: <c>concurrency</c> clients each send one-text requests back to back for a fixed time (after a
/// one-second warm-up that is not counted); every answer must be 200.
/// </summary>
public static class ServiceLoad
{
    public static async Task<(Percentiles Measured, long AllTexts)> RunAsync(Uri address, IReadOnlyList<string> texts, int concurrency, double seconds)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
        var bodies = texts.Select((t, i) => JsonSerializer.SerializeToUtf8Bytes(new { items = new[] { new { id = "r" + i, text = t } } })).ToArray();

        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        var stopAt = warmUntil + (long)(seconds * Stopwatch.Frequency);
        var perClient = new List<double>[concurrency];
        var failures = 0;
        long all = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(client => Task.Run(async () =>
        {
            var samples = perClient[client] = new List<double>(4096);
            var next = client * 7919;
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= stopAt)
                {
                    return;
                }

                using var content = new ByteArrayContent(bodies[next++ % bodies.Length]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync("v1/moderate", content);
                await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                Interlocked.Increment(ref all);
                if (started >= warmUntil)
                {
                    samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
        })));

        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} requests failed at concurrency {concurrency}");
        }

        var measured = perClient.SelectMany(s => s).ToList();
        return (Percentiles.Of(measured, measured.Count, seconds), all);
    }
}
