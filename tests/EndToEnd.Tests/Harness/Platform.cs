using System.Globalization;
using System.Text;
using EndToEnd.Tests.Api;
using EndToEnd.Tests.Model;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// The whole platform as real processes on free loopback ports: the Alipay sandbox (keys and trades in a folder of
/// its own), the inference service on the test model bundle, and the marketplace API on its own database and Redis
/// key prefix, Kafka through librdkafka's mock cluster (no <c>Kafka:BootstrapServers</c>), paying through the sandbox
/// and moderating through the inference process. Every child is killed on dispose.
/// With several instances (<see cref="Platform(int)"/>), as <c>./run.sh --instances N</c> runs them: N marketplace
/// processes started together on a database none of them has yet (they create and migrate it, racing), sharing one
/// mock Kafka host process, behind the gateway; <see cref="Marketplace"/> is then the gateway.
/// </summary>
public sealed class Platform : IAsyncLifetime
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "e2e-admin-password-1";
    internal const string SigningKey = "e2e-tests-only-hs256-signing-key-0123456789abcdef";

    private readonly string _sandboxDirectory = Directory.CreateTempSubdirectory("e2e-alipay-").FullName;
    private readonly PlatformStores _stores = new();
    private readonly List<ServiceProcess> _instances = [];
    private readonly KafkaMockHost? _kafka;

    public Platform()
        : this(instances: 1)
    {
    }

    internal Platform(int instances)
    {
        Sandbox = new ServiceProcess("alipay-sandbox", ChildProcessAssemblies.AlipaySandbox, FreePort.Url(), "/healthz");
        Inference = new ServiceProcess("inference", ChildProcessAssemblies.Inference, FreePort.Url(), "/readyz");
        if (instances == 1)
        {
            Marketplace = new ServiceProcess("marketplace", ChildProcessAssemblies.MarketplaceApi, FreePort.Url(), "/healthz");
            _instances.Add(Marketplace);
            return;
        }

        for (var i = 1; i <= instances; i++)
        {
            _instances.Add(new ServiceProcess($"marketplace-{i}", ChildProcessAssemblies.MarketplaceApi, FreePort.Url(), "/healthz"));
        }

        Marketplace = new ServiceProcess("gateway", ChildProcessAssemblies.Gateway, FreePort.Url(), "/readyz");
        _kafka = new KafkaMockHost();
    }

    internal ServiceProcess Sandbox { get; }

    internal ServiceProcess Inference { get; }

    /// <summary>Where clients go: the marketplace API, or with several instances the gateway in front of them.</summary>
    internal ServiceProcess Marketplace { get; }

    /// <summary>The marketplace API processes (one, or the gateway's destinations).</summary>
    internal IReadOnlyList<ServiceProcess> Instances => _instances;

    internal PlatformStores Stores => _stores;

    public TestModelBundle Bundle { get; private set; } = null!;

    /// <summary>Where the cashier sends the buyer back (Alipay's return_url): the web front-end's page, when one runs.</summary>
    public Uri? PaymentReturnUrl { get; init; }

    public async ValueTask InitializeAsync()
    {
        Bundle = await TestModelBundle.GetAsync();
        if (_kafka is null)
        {
            await _stores.CreateAsync();
        }

        ConfigureSandbox();
        ConfigureInference();
        foreach (var instance in _instances)
        {
            ConfigureMarketplace(instance.Settings);
        }

        // The sandbox writes the app keys the marketplace reads; the inference service needs neither.
        await Task.WhenAll(Sandbox.StartAsync(), Inference.StartAsync(), _kafka?.StartAsync() ?? Task.CompletedTask);
        if (_kafka is null)
        {
            await Marketplace.StartAsync();
            return;
        }

        foreach (var instance in _instances)
        {
            instance.Settings["Kafka:BootstrapServers"] = _kafka.BootstrapServers;
        }

        await Task.WhenAll(_instances.Select(i => i.StartAsync()));
        for (var i = 0; i < _instances.Count; i++)
        {
            Marketplace.Settings[$"Gateway:Destinations:{i}"] = _instances[i].Url.ToString().TrimEnd('/');
        }

        // Out of rotation soon after a kill, back soon after a restart: the test's instance crash lasts seconds.
        Marketplace.Settings["Gateway:HealthCheckInterval"] = "00:00:01";
        Marketplace.Settings["Gateway:ReactivationPeriod"] = "00:00:02";
        await Marketplace.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Marketplace.DisposeAsync();
        foreach (var instance in _instances.Where(i => i != Marketplace))
        {
            await instance.DisposeAsync();
        }

        if (_kafka is not null)
        {
            await _kafka.DisposeAsync();
        }

        await Inference.DisposeAsync();
        await Sandbox.DisposeAsync();
        await _stores.DisposeAsync();
        Directory.Delete(_sandboxDirectory, recursive: true);
    }

    /// <summary>An HTTP client for the marketplace without a token.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = Marketplace.Url, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient SandboxClient() => new() { BaseAddress = Sandbox.Url, Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient InferenceClient() => new() { BaseAddress = Inference.Url, Timeout = TimeSpan.FromSeconds(60) };

    public Task<Session> NewBuyerAsync() => Session.RegisterAsync(this);

    public async Task<Session> NewSellerAsync() => await (await Session.RegisterAsync(this)).BecomeSellerAsync();

    public Task<Session> AdminAsync() => Session.LoginAsync(this, AdminEmail, AdminPassword);

    /// <summary>The last lines of every process's output, for a failing test.</summary>
    public string DescribeLogs()
    {
        var text = new StringBuilder();
        foreach (var service in _instances.Append(Marketplace).Distinct().Append(Inference).Append(Sandbox))
        {
            var state = service.IsRunning ? "running" : $"not running (exit code {service.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"})";
            text.AppendLine(CultureInfo.InvariantCulture, $"===== {service.Name} at {service.Url}: {state} =====");
            text.Append(service.Log.Tail());
        }

        if (_kafka is not null)
        {
            text.AppendLine("===== kafka-mock =====").Append(_kafka.Log.Tail(50));
        }

        return text.ToString();
    }

    private void ConfigureSandbox()
    {
        var s = Sandbox.Settings;
        s["Sandbox:DataDirectory"] = _sandboxDirectory;
        s["Sandbox:Notifications:AttemptTimeout"] = "00:00:05";
        // Alipay's 4m, 10m, 10m, 1h, ... compressed, so a notification the marketplace missed comes back soon.
        var schedule = new[] { "00:00:01", "00:00:02", "00:00:02", "00:00:03", "00:00:03", "00:00:05", "00:00:05" };
        for (var i = 0; i < schedule.Length; i++)
        {
            s[$"Sandbox:Notifications:RetrySchedule:{i}"] = schedule[i];
        }
    }

    private void ConfigureInference()
    {
        Inference.LeadingArguments.AddRange(["--bundle", Bundle.Directory]);
        var s = Inference.Settings;
        // Three processes share two cores: one ONNX Runtime thread keeps the service from starving the others.
        s["Inference:IntraOpThreads"] = "1";
        s["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
    }

    private void ConfigureMarketplace(Dictionary<string, string> s)
    {
        s["ConnectionStrings:Postgres"] = _stores.Postgres;
        s["ConnectionStrings:Redis"] = SharedServices.Redis;
        s["Redis:KeyPrefix"] = _stores.KeyPrefix;
        // Fixed, so tokens stay valid across a marketplace restart.
        s["Jwt:SigningKey"] = SigningKey;
        s["Admin:Email"] = AdminEmail;
        s["Admin:Password"] = AdminPassword;
        s["Alipay:GatewayUrl"] = new Uri(Sandbox.Url, "gateway.do").ToString();
        s["Alipay:KeyDirectory"] = _sandboxDirectory;
        s["Alipay:NotifyUrl"] = new Uri(Marketplace.Url, "api/payments/alipay/notify").ToString();
        if (PaymentReturnUrl is not null)
        {
            s["Alipay:ReturnUrl"] = PaymentReturnUrl.ToString();
        }

        s["Moderation:BaseUrl"] = Inference.Url.ToString();
        // Outages last seconds here, not minutes: retry soon, give up a call soon, close the breaker soon. The claim
        // lease stays above a call with its retries, so a live worker never loses a review it is moderating.
        s["Moderation:TotalTimeout"] = "00:00:05";
        s["Moderation:MaxRetries"] = "1";
        s["Moderation:BreakDuration"] = "00:00:01";
        s["Reviews:PollInterval"] = "00:00:00.250";
        s["Reviews:RetryBaseDelay"] = "00:00:00.250";
        s["Reviews:RetryMaxDelay"] = "00:00:01";
        s["Reviews:ClaimLease"] = "00:00:15";
        s["Cache:BloomExpectedItems"] = "100000";
        // Every test client comes from 127.0.0.1: the per-address limits would stop the set-up, not test anything.
        foreach (var rule in new[] { "SignUpPerAddress", "SignInPerAddress", "PurchasePerAddress", "PaymentNotifyPerAddress" })
        {
            s[$"RateLimiting:{rule}:PermitLimit"] = "1000000";
        }

        s["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        s["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning";
    }
}
