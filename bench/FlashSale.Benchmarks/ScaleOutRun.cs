using System.Security.Cryptography;
using Marketplace.Api.Infrastructure.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace FlashSale.Benchmarks;

/// <summary>
/// The platform as <c>./run.sh --instances N</c> runs it, once per instance count: a fresh database, one mock-Kafka
/// host process, N API processes and the gateway in front; then one sale bought out through the gateway, and the time
/// until every reservation became an order row. Same buyers-to-stock ratio and client for every N.
/// </summary>
public static class ScaleOutRun
{
    public static async Task<ScaleOutReport> RunAsync(ScaleOutSettings settings)
    {
        var machine = MachineInfo.Describe();
        var root = RepositoryRoot.Find();
        var rows = new List<ScaleOutRow>();
        foreach (var instances in settings.Instances)
        {
            rows.Add(await RunOnceAsync(settings, root, instances));
        }

        return new ScaleOutReport(settings, rows, machine, DateTimeOffset.UtcNow);
    }

    private static async Task<ScaleOutRow> RunOnceAsync(ScaleOutSettings settings, string root, int instances)
    {
        var load = MachineInfo.LoadAverage();
        var apiAssembly = ApiAssembly.Find(root);
        var logs = Directory.CreateTempSubdirectory($"flash-scale-{instances}-").FullName;
        AnsiConsole.MarkupLine($"[bold]{instances} instance(s)[/] [grey](logs in {logs.EscapeMarkup()})[/]");
        var prefix = $"bench:{Guid.NewGuid():N}:";
        var jwt = new JwtOptions { SigningKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)) };
        await using var database = await BenchDatabase.CreateAsync(BenchServices.Postgres);

        var bootstrapFile = Path.Combine(logs, "bootstrap");
        await using var kafka = await ChildProcess.StartAsync(apiAssembly, ["kafka-mock", "--bootstrap-file", bootstrapFile],
            new Dictionary<string, string>(), Path.Combine(logs, "kafka-mock.log"), readyFile: bootstrapFile);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["ConnectionStrings__Redis"] = BenchServices.Redis,
            ["Redis__KeyPrefix"] = prefix,
            ["Jwt__SigningKey"] = jwt.SigningKey,
            ["Admin__Email"] = BenchServices.AdminEmail,
            ["Admin__Password"] = BenchServices.AdminPassword,
            ["Kafka__BootstrapServers"] = (await File.ReadAllTextAsync(bootstrapFile)).Trim(),
            ["FlashSales__ReservationTimeoutSeconds"] = "300",
            // Every simulated buyer comes from this one address: the per-address purchase limit would measure itself.
            ["RateLimiting__PurchasePerAddress__PermitLimit"] = "10000000",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        var apis = new List<ApiProcess>();
        ChildProcess? gateway = null;
        try
        {
            apis.AddRange(await Task.WhenAll(Enumerable.Range(1, instances).Select(i =>
                ApiProcess.StartAsync(apiAssembly, environment, Path.Combine(logs, $"api-{i}.log")))));
            var gatewayUrl = new Uri($"http://127.0.0.1:{ApiProcess.FreePort()}");
            var gatewayArgs = new List<string> { "--urls", gatewayUrl.ToString() };
            for (var i = 0; i < apis.Count; i++)
            {
                gatewayArgs.AddRange([$"--Gateway:Destinations:{i}", apis[i].Address.ToString().TrimEnd('/')]);
            }

            gateway = await ChildProcess.StartAsync(GatewayAssembly(root), gatewayArgs,
                new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["Logging__LogLevel__Default"] = "Warning" },
                Path.Combine(logs, "gateway.log"), readyUrl: new Uri(gatewayUrl, "/readyz"));
            return await MeasureAsync(settings, instances, gatewayUrl, database, jwt, load);
        }
        finally
        {
            if (gateway is not null)
            {
                await gateway.DisposeAsync();
            }

            foreach (var api in apis)
            {
                await api.DisposeAsync();
            }
        }
    }

    private static async Task<ScaleOutRow> MeasureAsync(
        ScaleOutSettings settings, int instances, Uri gatewayUrl, BenchDatabase database, JwtOptions jwt, string load)
    {
        var users = await database.InsertBuyersAsync(settings.Buyers + 1000);
        var issuer = new TokenIssuer(new JwtSigningKey(Options.Create(jwt), NullLogger<JwtSigningKey>.Instance), Options.Create(jwt), TimeProvider.System);
        var tokens = users.Select(u => issuer.Issue(u.Id, u.Email, u.Roles, u.SecurityStamp).Value).ToArray();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency })
        {
            BaseAddress = gatewayUrl, Timeout = TimeSpan.FromSeconds(30),
        };
        var (warmSale, sale) = await BenchmarkRun.CreateSalesAsync(client, settings.Stock);
        PhaseResult purchase = null!;
        await AnsiConsole.Progress().AutoClear(false).StartAsync(async progress =>
        {
            var warm = progress.AddTask($"{instances}: warm-up purchases", maxValue: 1000);
            await HttpLoad.RunAsync("warm", client, 1000, settings.Concurrency, settings.PhaseLimit,
                i => BenchmarkRun.Purchase(warmSale, tokens[settings.Buyers + i]), n => warm.Increment(n));
            var task = progress.AddTask($"{instances}: POST /api/flash-sales/{{id}}/purchase", maxValue: settings.Buyers);
            purchase = await HttpLoad.RunAsync("purchase", client, settings.Buyers, settings.Concurrency, settings.PhaseLimit,
                i => BenchmarkRun.Purchase(sale, tokens[i]), n => task.Increment(n));
        });

        var accepted = purchase.Statuses.GetValueOrDefault("202");
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (await database.ScalarAsync<long>("SELECT count(*) FROM flash_reservations WHERE sale_id = @sale", ("sale", sale)) < accepted
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        var latencies = await database.ListAsync<double>(
            "SELECT (extract(epoch FROM o.created_at - r.reserved_at) * 1000)::float8 FROM orders o JOIN flash_reservations r ON r.id = o.reservation_id WHERE o.flash_sale_id = @sale",
            ("sale", sale));
        var span = await database.ScalarAsync<double>(
            "SELECT coalesce(extract(epoch FROM max(o.created_at) - min(r.reserved_at)), 0)::float8 FROM orders o JOIN flash_reservations r ON r.id = o.reservation_id WHERE o.flash_sale_id = @sale",
            ("sale", sale));
        var duplicates = (int)await database.ScalarAsync<long>(
            "SELECT count(*) FROM (SELECT buyer_id FROM orders WHERE flash_sale_id = @sale GROUP BY buyer_id HAVING count(*) > 1) d", ("sale", sale));
        var stats = LatencyStats.From(latencies, TimeSpan.FromSeconds(Math.Max(span, 1e-9)));
        var row = new ScaleOutRow(instances, purchase.Stats.Rps, purchase.Stats.P50Ms, purchase.Stats.P99Ms, purchase.Errors, purchase.Statuses,
            latencies.Count, span, latencies.Count / Math.Max(span, 1e-9), stats.P50Ms, stats.P95Ms, stats.P99Ms,
            Math.Max(0, latencies.Count - settings.Stock), duplicates, load);
        AnsiConsole.MarkupLine($"{instances} instance(s): purchase {row.PurchaseRps:N0}/s, {row.Orders} orders in {row.PipelineSeconds:N1} s = {row.OrdersPerSecond:N0} orders/s, reservation→order p50 {row.OrderLatencyP50Ms:N0} ms p99 {row.OrderLatencyP99Ms:N0} ms");
        return row;
    }

    private static string GatewayAssembly(string root)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(root, "marketplace", "Marketplace.Gateway", "bin", configuration, "net10.0", "Marketplace.Gateway.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the gateway first ({configuration}).", path);
    }
}
