using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// An inference service that accepts every connection and never answers (a wedged process): what a caller's own
/// time limit must protect it from, which neither a stopped service (refused at once) nor the real one can show.
/// </summary>
internal sealed class HangingInference : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HangingInference(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<HangingInference> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.Run(context => Task.Delay(Timeout.Infinite, context.RequestAborted));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HangingInference(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        // Requests still hanging end with the server: it aborts them when its shutdown wait runs out.
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(shutdown.Token);
        await _app.DisposeAsync();
    }
}
