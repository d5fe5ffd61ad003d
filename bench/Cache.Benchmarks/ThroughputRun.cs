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
    public static async Task<PhaseResult> MeasureAsync(
        string name, ApiProcess api, IReadOnlyList<Guid> listings, int[] keys, CacheBenchSettings settings)
    {
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };

        HttpRequestMessage Request(int i) => new(HttpMethod.Get, $"/api/listings/{listings[keys[i % keys.Length]]}");
        PhaseResult? result = null;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var warm = progress.AddTask($"{name}: warm-up", maxValue: settings.WarmupRequests);
            await HttpLoad.RunAsync(name + " warm-up", client, settings.WarmupRequests, settings.Concurrency, settings.PhaseLimit,
                i => Request(keys.Length - 1 - (i % keys.Length)), n => warm.Increment(n));
            var measured = progress.AddTask($"{name}: measured", maxValue: settings.Requests);
            result = await HttpLoad.RunAsync(name, client, settings.Requests, settings.Concurrency, settings.PhaseLimit,
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
