using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Infrastructure.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;
using StackExchange.Redis;

namespace FlashSale.Benchmarks;

/// <summary>
/// One benchmark run: a fresh database, the API as a Release Kestrel process on loopback, buyers and
/// tokens made directly, then the phases (trivial endpoint, purchase endpoint, invariants, naive
/// PostgreSQL baseline, redis-benchmark on the gate script), then the report.
/// </summary>
public static class BenchmarkRun
{
    public static async Task<BenchReport> RunAsync(BenchSettings settings)
    {
        var machine = MachineInfo.Describe(); // before the run adds its own load
        var root = RepositoryRoot.Find();
        var apiAssembly = ApiAssembly.Find(root);
        var postgres = BenchServices.Postgres;
        var redis = BenchServices.Redis;
        var prefix = $"bench:{Guid.NewGuid():N}:";
        var jwt = new JwtOptions { SigningKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) };

        await using var database = await BenchDatabase.CreateAsync(postgres);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["ConnectionStrings__Redis"] = redis,
            ["Redis__KeyPrefix"] = prefix,
            ["Jwt__SigningKey"] = jwt.SigningKey,
            ["Admin__Email"] = BenchServices.AdminEmail,
            ["Admin__Password"] = BenchServices.AdminPassword,
            ["FlashSales__ReservationTimeoutSeconds"] = "300",
            // Every simulated buyer comes from this one address: the per-address purchase limit would measure itself.
            ["RateLimiting__PurchasePerAddress__PermitLimit"] = "10000000",
            // Development: the run uses the in-memory Kafka and no payment gateway, development defaults that
            // Production refuses at start-up (see the marketplace README, "Production").
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var logPath = Path.Combine(Path.GetTempPath(), $"flash-sale-bench-api-{DateTime.UtcNow:yyyyMMddHHmmss}.log");
        AnsiConsole.MarkupLine($"[grey]API log: {logPath.EscapeMarkup()}[/]");

        BenchReport report;
        var api = await ApiProcess.StartAsync(apiAssembly, environment, logPath);
        try
        {
            report = await RunPhasesAsync(settings, api, database, redis, prefix, jwt, machine);
        }
        finally
        {
            await api.DisposeAsync();
            await DeleteKeysAsync(redis, prefix);
        }

        return report;
    }

    private static async Task<BenchReport> RunPhasesAsync(
        BenchSettings settings, ApiProcess api, BenchDatabase database, string redis, string prefix, JwtOptions jwt,
        IReadOnlyDictionary<string, string> machine)
    {
        var users = await database.InsertBuyersAsync(settings.Buyers);
        var issuer = new TokenIssuer(new JwtSigningKey(Options.Create(jwt), NullLogger<JwtSigningKey>.Instance), Options.Create(jwt), TimeProvider.System);
        var tokens = users.Select(u => issuer.Issue(u.Id, u.Email, u.Roles, u.SecurityStamp).Value).ToArray();
        using var client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = settings.Concurrency,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(30) };

        var (warmSale, sale) = await CreateSalesAsync(client, settings.Stock);
        PhaseResult trivial = null!, purchase = null!;
        PhaseResult naiveResult = null!;
        var naiveSold = 0;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var warm = progress.AddTask("warm-up (JIT, pools)", maxValue: 2000);
            await HttpLoad.RunAsync("warm-trivial", client, 1000, settings.Concurrency, settings.PhaseLimit, i => Ping(tokens[i]), n => warm.Increment(n));
            await HttpLoad.RunAsync("warm-purchase", client, 1000, settings.Concurrency, settings.PhaseLimit,
                i => Purchase(warmSale, tokens[i]), n => warm.Increment(n));

            var trivialTask = progress.AddTask("trivial GET /api/bench/ping", maxValue: settings.TrivialRequests);
            trivial = await HttpLoad.RunAsync("trivial", client, settings.TrivialRequests, settings.Concurrency, settings.PhaseLimit,
                i => Ping(tokens[i % tokens.Length]), n => trivialTask.Increment(n));

            var purchaseTask = progress.AddTask("POST /api/flash-sales/{id}/purchase", maxValue: settings.Buyers);
            purchase = await HttpLoad.RunAsync("purchase", client, settings.Buyers, settings.Concurrency, settings.PhaseLimit,
                i => Purchase(sale, tokens[i]), n => purchaseTask.Increment(n));
        });

        var invariants = await CheckInvariantsAsync(database, redis, prefix, sale, settings.Stock, purchase.Statuses.GetValueOrDefault("202"));
        var naiveStock = Math.Max(1, (int)((long)settings.Stock * settings.NaiveRequests / settings.Buyers));
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var naiveTask = progress.AddTask("naive SELECT ... FOR UPDATE", maxValue: settings.NaiveRequests);
            (naiveResult, naiveSold, _) = await NaiveBaseline.RunAsync(database, client, tokens, naiveStock,
                settings.NaiveRequests, settings.Concurrency, settings.PhaseLimit, NaivePurchaseRequest, n => naiveTask.Increment(n));
        });

        AnsiConsole.MarkupLine("[grey]redis-benchmark: EVALSHA of the gate script...[/]");
        var lua = await RedisLuaBaseline.RunAsync(redis, prefix, settings.RedisRequests, settings.RedisClients);

        return new BenchReport(
            purchase.Stats.Rps, purchase.Stats.P50Ms, purchase.Stats.P95Ms, purchase.Stats.P99Ms, purchase.Errors, purchase.Statuses,
            trivial.Stats.Rps, trivial.Stats.P50Ms, trivial.Stats.P95Ms, trivial.Stats.P99Ms, trivial.Errors,
            lua.Rps, lua.P50Ms, lua.P99Ms,
            naiveResult.Stats.Rps, naiveResult.Stats.P50Ms, naiveResult.Stats.P95Ms, naiveResult.Stats.P99Ms, naiveResult.Statuses, naiveResult.Errors,
            Math.Max(0, naiveSold - naiveStock),
            invariants.Stock, invariants.Accepted, invariants.Orders, invariants.Oversold, invariants.DuplicateBuyers,
            invariants.PgStockLeft, invariants.RedisStockLeft, invariants.Holds,
            purchase.Stats.Rps / trivial.Stats.Rps, purchase.Stats.Rps / naiveResult.Stats.Rps,
            purchase.Stats.Rps >= 0.5 * trivial.Stats.Rps, purchase.Stats.Rps >= 10 * naiveResult.Stats.Rps,
            settings, machine, lua.Command, DateTimeOffset.UtcNow);
    }

    /// <summary>A seller's listing and two sales of it (a 100-unit warm-up sale and the measured one), made through the API.</summary>
    internal static async Task<(Guid Warm, Guid Main)> CreateSalesAsync(HttpClient client, int stock)
    {
        var email = $"bench-seller-{Guid.NewGuid():N}@example.test";
        await Expect(client.PostAsJsonAsync("/api/auth/register", new { email, password = "bench-seller-password-1", displayName = "Bench seller" }), HttpStatusCode.Created);
        var login = await Expect(client.PostAsJsonAsync("/api/auth/login", new { email, password = "bench-seller-password-1" }), HttpStatusCode.OK);
        var buyerToken = (await login.Content.ReadFromJsonAsync<Token>())!.AccessToken;
        var seller = await Expect(Send(client, HttpMethod.Post, "/api/auth/become-seller", buyerToken), HttpStatusCode.OK);
        var sellerToken = (await seller.Content.ReadFromJsonAsync<Token>())!.AccessToken;
        var listing = await Expect(Send(client, HttpMethod.Post, "/api/listings", sellerToken, new
        {
            title = "Bench sword", kind = "item", game = "Bench", description = "Load test.",
            price = new { amount = 19.99m, currency = "USD" }, stock = stock + 100,
        }), HttpStatusCode.Created);
        var listingId = (await listing.Content.ReadFromJsonAsync<Created>())!.Id;
        var admin = await Expect(client.PostAsJsonAsync("/api/auth/login", new { email = BenchServices.AdminEmail, password = BenchServices.AdminPassword }), HttpStatusCode.OK);
        var adminToken = (await admin.Content.ReadFromJsonAsync<Token>())!.AccessToken;
        var now = DateTimeOffset.UtcNow;
        async Task<Guid> SaleAsync(int units)
        {
            var created = await Expect(Send(client, HttpMethod.Post, "/api/flash-sales", adminToken, new
            {
                listingId, price = new { amount = 9.99m, currency = "USD" }, stock = units,
                startsAt = now.AddSeconds(-1), endsAt = now.AddHours(1), perUserLimit = 1,
            }), HttpStatusCode.Created);
            return (await created.Content.ReadFromJsonAsync<Created>())!.Id;
        }

        return (await SaleAsync(100), await SaleAsync(stock));
    }

    private static async Task<SaleInvariants> CheckInvariantsAsync(
        BenchDatabase database, string redis, string prefix, Guid sale, int stock, int accepted)
    {
        // The consumer creates orders asynchronously: wait until every reservation is decided.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        long decided;
        do
        {
            await Task.Delay(250);
            decided = await database.ScalarAsync<long>("SELECT count(*) FROM flash_reservations WHERE sale_id = @sale", ("sale", sale));
        }
        while (decided < accepted && DateTime.UtcNow < deadline);

        var orders = (int)await database.ScalarAsync<long>("SELECT count(*) FROM orders WHERE flash_sale_id = @sale", ("sale", sale));
        var duplicates = (int)await database.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT buyer_id FROM orders WHERE flash_sale_id = @sale GROUP BY buyer_id HAVING count(*) > 1) d", ("sale", sale));
        var pgStock = await database.ScalarAsync<int>("SELECT stock FROM flash_sales WHERE id = @sale", ("sale", sale));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var redisStock = (int)await connection.GetDatabase().HashGetAsync(prefix + (string)new FlashSaleKeys(sale).Sale!, "stock");
        var invariants = new SaleInvariants(stock, accepted, orders, Math.Max(0, orders - stock), duplicates, pgStock, redisStock, (int)decided);
        AnsiConsole.MarkupLine(invariants.Holds ? "[green]invariants hold[/]" : "[red]INVARIANTS VIOLATED[/]");
        AnsiConsole.WriteLine(invariants.ToString());
        return invariants;
    }

    private static async Task DeleteKeysAsync(string redis, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var keys = new List<RedisKey>();
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            keys.Add(key);
        }

        if (keys.Count > 0)
        {
            await connection.GetDatabase().KeyDeleteAsync([.. keys]);
        }
    }

    private static HttpRequestMessage Ping(string token) => WithToken(new HttpRequestMessage(HttpMethod.Get, "/api/bench/ping"), token);

    private static HttpRequestMessage NaivePurchaseRequest(string token) =>
        WithToken(new HttpRequestMessage(HttpMethod.Post, "/api/bench/naive-purchase"), token);

    internal static HttpRequestMessage Purchase(Guid sale, string token) =>
        WithToken(new HttpRequestMessage(HttpMethod.Post, $"/api/flash-sales/{sale}/purchase"), token);

    private static HttpRequestMessage WithToken(HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string token, object? body = null)
    {
        var request = WithToken(new HttpRequestMessage(method, path), token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Expect(Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }

    private sealed record Token(string AccessToken);

    private sealed record Created(Guid Id);
}
