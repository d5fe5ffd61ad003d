using System.Net.Http.Json;
using FlashSale.Benchmarks;
using Spectre.Console;

namespace Cache.Benchmarks;

/// <summary>
/// The listing endpoint under Zipf-distributed keys: a warm-up, then the measured closed-loop phase,
/// against one API process (cached or not).
/// </summary>
public static class ThroughputRun
{
    /// <summary>The measured phase and the share of its reads L1 answered (0 when the cache is off).</summary>
    public static async Task<(PhaseResult Result, double L1HitRatio)> MeasureAsync(
        string name, ApiProcess api, IReadOnlyList<Guid> listings, int[] warmupKeys, int[] keys, CacheBenchSettings settings)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };

        HttpRequestMessage Request(int[] sequence, int i) => new(HttpMethod.Get, $"/api/listings/{listings[sequence[i % sequence.Length]]}");
        PhaseResult? result = null;
        CacheCounters? before = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var warm = progress.AddTask($"{name}: warm-up", maxValue: settings.WarmupRequests);
            await HttpLoad.RunAsync(name + " warm-up", client, settings.WarmupRequests, settings.Concurrency, settings.PhaseLimit,
                i => Request(warmupKeys, i), n => warm.Increment(n));
            before = await CacheCounters.ScrapeAsync(client);
            var measured = progress.AddTask($"{name}: measured", maxValue: settings.Requests);
            result = await HttpLoad.RunAsync(name, client, settings.Requests, settings.Concurrency, settings.PhaseLimit,
                i => Request(keys, i), n => measured.Increment(n));
        });
        var after = await CacheCounters.ScrapeAsync(client);
        return (result!, after.HitRatioSince(before!));
    }

    /// <summary>
    /// The HTTP floor on the same process: <c>GET /api/bench/ping</c> (authenticated, no I/O), the
    /// most a cached read could reach through this pipeline on this machine.
    /// </summary>
    public static async Task<PhaseResult> MeasureFloorAsync(ApiProcess api, CacheBenchSettings settings)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };
        var email = $"bench-floor-{Guid.NewGuid():N}@example.test";
        const string password = "bench-floor-password-1";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password, displayName = "Floor" })).EnsureSuccessStatusCode();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<Marketplace.Api.Features.Accounts.TokenResponse>())!.AccessToken;

        HttpRequestMessage Request(int i)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/bench/ping");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return request;
        }

        PhaseResult? result = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var measured = progress.AddTask("HTTP floor: measured", maxValue: settings.Requests);
            result = await HttpLoad.RunAsync("HTTP floor (ping)", client, settings.Requests, settings.Concurrency, settings.PhaseLimit,
                Request, n => measured.Increment(n));
        });
        return result!;
    }

    /// <summary>Logs in as the seeded admin and rebuilds the bloom filters (the listings were inserted after start-up).</summary>
    public static async Task RebuildBloomAsync(ApiProcess api, string email, string password)
    {
        using var client = new HttpClient { BaseAddress = api.Address };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<Marketplace.Api.Features.Accounts.TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        (await client.PostAsync("/api/admin/cache/bloom/rebuild", null)).EnsureSuccessStatusCode();
    }
}
