using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Tests.Payments.Alipay.Sandbox;

/// <summary>
/// A real HTTP listener on a loopback port standing in for the marketplace's notify endpoint. It answers the
/// scripted replies in order ("hang" = never answer in time), then <c>success</c>, and records every form it got.
/// </summary>
public sealed class NotifyReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _script;

    private NotifyReceiver(WebApplication app, IEnumerable<string> script)
    {
        _app = app;
        _script = new ConcurrentQueue<string>(script);
    }

    public ConcurrentQueue<(DateTimeOffset At, Dictionary<string, string> Fields)> Received { get; } = new();

    public string Url { get; private set; } = "";

    public static async Task<NotifyReceiver> StartAsync(params string[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new NotifyReceiver(app, script);
        app.MapPost("/notify", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            receiver.Received.Enqueue((DateTimeOffset.UtcNow, form.ToDictionary(kv => kv.Key, kv => kv.Value.ToString())));
            var reply = receiver._script.TryDequeue(out var r) ? r : "success";
            if (reply == "hang")
            {
                await Task.Delay(TimeSpan.FromSeconds(5), request.HttpContext.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Text("success");
            }
            return reply == "500" ? Results.Text("boom", statusCode: 500) : Results.Text(reply);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address + "/notify";
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
