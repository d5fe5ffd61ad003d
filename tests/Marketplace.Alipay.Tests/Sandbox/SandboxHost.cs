using Marketplace.Alipay;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using SandboxProgram = Alipay.Sandbox.Program;

namespace Marketplace.Tests.Payments.Alipay.Sandbox;

/// <summary>The sandbox in-process on its own data folder (keys generated on first start), with a compressed retry schedule.</summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<SandboxProgram> _factory;
    private readonly bool _ownsDirectory;

    public SandboxHost(string? dataDirectory = null, IReadOnlyList<TimeSpan>? retrySchedule = null, TimeSpan? attemptTimeout = null)
    {
        _ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("alipay-sandbox-").FullName;
        var schedule = retrySchedule ?? Enumerable.Repeat(TimeSpan.FromMilliseconds(50), 7).ToList();
        _factory = new WebApplicationFactory<SandboxProgram>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Sandbox:DataDirectory", DataDirectory);
            b.UseSetting("Sandbox:PersistDelay", "00:00:00");
            b.UseSetting("Sandbox:Notifications:AttemptTimeout", (attemptTimeout ?? TimeSpan.FromSeconds(2)).ToString());
            for (var i = 0; i < schedule.Count; i++)
            {
                b.UseSetting($"Sandbox:Notifications:RetrySchedule:{i}", schedule[i].ToString());
            }
        });
        Http = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
    }

    public string DataDirectory { get; }

    /// <summary>Talks to the in-process server (gateway and /sandbox API).</summary>
    public HttpClient Http { get; }

    public string AppId => File.ReadAllText(Path.Combine(DataDirectory, "app_id.txt")).Trim();

    /// <summary>A client configured the way the marketplace is: keys read from the sandbox's folder.</summary>
    public AlipayClient Client(Action<AlipayOptions>? configure = null) => new(Http, KeyRing(configure, out var options), options);

    public AlipayKeyRing KeyRing(Action<AlipayOptions>? configure, out IOptions<AlipayOptions> wrapped)
    {
        var options = new AlipayOptions { GatewayUrl = "http://localhost/gateway.do", KeyDirectory = DataDirectory };
        configure?.Invoke(options);
        wrapped = Options.Create(options);
        return new AlipayKeyRing(wrapped);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        if (_ownsDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
