using Marketplace.Gateway;
using Moderation.ServiceDefaults;

// The gateway's own /healthz and /readyz answer here; every other path goes to an API instance.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceLogging();
var options = builder.Configuration.GetSection(GatewayOptions.Section).Get<GatewayOptions>() ?? new GatewayOptions();
if (options.Problems() is [var first, ..])
{
    await Console.Error.WriteLineAsync($"gateway: {first}");
    return 2;
}

builder.Services.AddReverseProxy().LoadFromMemory(GatewayProxyConfig.Routes(), GatewayProxyConfig.Clusters(options));
builder.Services.AddServiceHealth().AddCheck<DestinationsReadyCheck>("instances", tags: [ServiceHealth.ReadyTag]);
if (ServiceTracing.IsEnabled(builder.Configuration))
{
    builder.Services.AddServiceTracing(builder.Configuration, "marketplace-gateway");
}

var app = builder.Build();
app.MapServiceHealth(HealthBody.JsonWithChecks);
app.MapReverseProxy();
await app.RunAsync();
return 0;
