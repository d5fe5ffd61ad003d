using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Features.Catalog;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Features.Fulfilment;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Features.Payments;
using Marketplace.Api.Features.Reviews;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.DataProtection;
using Marketplace.Api.Infrastructure.Health;
using Marketplace.Api.Infrastructure.Http;
using Marketplace.Api.Infrastructure.Locking;
using Marketplace.Api.Infrastructure.Messaging;
using Marketplace.Api.Infrastructure.Moderation;
using Marketplace.Api.Infrastructure.Observability;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.RateLimiting;
using Marketplace.Api.Infrastructure.Problems;
using Marketplace.Api.Infrastructure.Redis;
using Marketplace.Api.Infrastructure.TextInput;
using Marketplace.Api.Infrastructure.Startup;
using Moderation.ServiceDefaults;

// `dotnet run --project marketplace/Marketplace.Api -- migrate` applies migrations and exits;
// `... -- remoderate [--status PUBLISHED,HELD] [--limit N] [--dry-run]` re-scores stored reviews and exits.
// `... -- kafka-mock [--brokers N] [--bootstrap-file PATH]` hosts a mock Kafka cluster that several instances share.
if (args.Length > 0 && args[0] == KafkaMockHostCommand.Verb)
{
    return await KafkaMockHostCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var migrateOnly = args.Length > 0 && args[0] == "migrate";
RemoderateCommand? remoderate = null;
if (args.Length > 0 && args[0] == RemoderateCommand.Verb)
{
    remoderate = RemoderateCommand.Parse(args[1..], Console.Error);
    if (remoderate is null)
    {
        return 2;
    }
}

StartupRefusal.ReportAsOneLine(Console.Error);
var builder = WebApplication.CreateBuilder(migrateOnly ? args[1..] : remoderate?.HostArgs ?? args);
builder.AddServiceLogging();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<HttpLimitsOptions>()
    .Bind(builder.Configuration.GetSection(HttpLimitsOptions.Section))
    .ValidateDataAnnotations()
    .ValidateOnStart();
builder.WebHost.ConfigureKestrel((context, kestrel) =>
    kestrel.Limits.MaxRequestBodySize = context.Configuration.GetValue(
        $"{HttpLimitsOptions.Section}:{nameof(HttpLimitsOptions.MaxRequestBodyBytes)}", new HttpLimitsOptions().MaxRequestBodyBytes));

builder.Services.AddMarketplaceProblems();
builder.Services.AddMarketplaceTextInput();
builder.Services.AddMarketplacePersistence(builder.Configuration);
builder.Services.AddMarketplaceRedis(builder.Configuration);
builder.Services.AddMarketplaceRateLimiting(builder.Configuration);
builder.Services.AddMarketplaceCache(builder.Configuration);
builder.Services.AddMarketplaceAuthentication(builder.Configuration);
builder.Services.AddMarketplaceHealth();
builder.Services.AddMarketplaceTelemetry(builder.Configuration);
builder.Services.AddOpenApi();
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddCatalog();
builder.Services.AddMarketplaceLocking(builder.Configuration);
builder.Services.AddOrders(builder.Configuration);
builder.Services.AddMarketplaceKafka(builder.Configuration);
builder.Services.AddFlashSales(builder.Configuration);
builder.Services.AddMarketplaceDataProtection();
builder.Services.AddPayments(builder.Configuration);
builder.Services.AddFulfilment(builder.Configuration);
builder.Services.AddMarketplaceModeration();
builder.Services.AddReviews(builder.Configuration);
builder.Services.AddProductionSettingsRules();
if (!migrateOnly && remoderate is null)
{
    builder.Services.AddHostedService<DatabaseInitializer>();
    builder.Services.AddAdminSeeding();
}

var app = builder.Build();

if (migrateOnly)
{
    await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    return 0;
}

if (remoderate is not null)
{
    return await remoderate.RunAsync(app.Services, Spectre.Console.AnsiConsole.Console, Console.Error, CancellationToken.None);
}

// Resolve the signing key now, so a missing Jwt:SigningKey is reported at start-up, not on first request.
_ = app.Services.GetRequiredService<JwtSigningKey>();

// Every validated setting is checked here, before the host starts (and logs a failure with a stack trace): a refusal
// leaves the entry point, and StartupRefusal prints its one line.
app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();

app.UseMarketplaceProblems();
app.UseMarketplaceForwardedHeaders();
app.UseMiddleware<RequestBodyLimitMiddleware>();
app.UseMiddleware<RequestCharsetMiddleware>();
app.UseMarketplaceTextInput();
app.UseAuthentication();
app.UseAuthorization();

if (app.Environment.IsDevelopment())
{
    app.MapOpenApi();
}

app.MapMarketplaceHealth();
app.MapMarketplaceMetrics();
app.MapAccounts();
app.MapCatalog();
app.MapOrders();
app.MapFlashSales();
app.MapPayments();
app.MapFulfilment();
app.MapRefundAdmin();
app.MapCacheAdmin();
app.MapDeadLetterAdmin();
app.MapReviews();
app.WarnIfUnconfigured();

await app.RunAsync();
return 0;

/// <summary>Entry point; public so tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
