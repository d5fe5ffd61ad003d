using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Tests;

/// <summary>The real service on a real Kestrel port (127.0.0.1:0), started and waited on until its bundle serves.</summary>
internal sealed class InferenceServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";

    private readonly WebApplication _app;

    private InferenceServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public ModelHolder Holder => _app.Services.GetRequiredService<ModelHolder>();

    public static async Task<InferenceServer> StartAsync(string bundle, params (string Key, string Value)[] settings)
    {
        var args = new List<string>
        {
            "--bundle", bundle, "--urls", "http://127.0.0.1:0",
            "--Logging:LogLevel:Default", "Warning", "--Inference:AdminApiKey", AdminKey,
            // Tests run beside others on two cores: one ONNX Runtime thread keeps them from fighting.
            "--Inference:IntraOpThreads", "1",
        };
        foreach (var (key, value) in settings)
        {
            args.Add("--Inference:" + key);
            args.Add(value);
        }

        var app = InferenceApp.Create([.. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new InferenceServer(app, new Uri(address + "/"));
        var holder = server.Holder;
        for (var i = 0; i < 600 && holder.Current is null; i++)
        {
            await Task.Delay(50);
        }

        return holder.Current is null ? throw new InvalidOperationException("the service did not load its bundle") : server;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
