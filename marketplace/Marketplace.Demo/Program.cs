using System.CommandLine;
using System.Text.Json;
using Marketplace.Demo;
using Marketplace.Demo.Http;
using Marketplace.Demo.Summary;

// The demo: plays a flash sale with payments, shipping and moderated reviews against running services,
// prints a summary and exits 0 when every invariant holds, 1 when one fails, 2 when the scenario cannot run.
var marketplace = new Option<string>("--marketplace-url") { Description = "Marketplace API base address", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
var sandbox = new Option<string>("--sandbox-url") { Description = "Alipay sandbox base address", DefaultValueFactory = _ => "http://127.0.0.1:5090" };
var adminEmail = new Option<string>("--admin-email") { Description = "The marketplace admin (Admin:Email)", DefaultValueFactory = _ => "admin@example.com" };
var adminPassword = new Option<string?>("--admin-password") { Description = "The admin's password (or --admin-password-file; env MODERATION_ADMIN_PASSWORD)" };
var adminPasswordFile = new Option<FileInfo?>("--admin-password-file") { Description = "File holding the admin's password (run.sh keeps it in .services/admin/password)" };
var buyers = new Option<int>("--buyers") { Description = "Buyers taking part in the flash sale", DefaultValueFactory = _ => 300 };
var stock = new Option<int>("--stock") { Description = "Units on flash sale", DefaultValueFactory = _ => 50 };
var requests = new Option<int>("--requests-per-buyer") { Description = "Concurrent purchase requests each buyer sends", DefaultValueFactory = _ => 3 };
var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight at once for per-order steps", DefaultValueFactory = _ => 16 };
var orderWait = new Option<int>("--order-wait") { Description = "Seconds to wait for reservations to become orders", DefaultValueFactory = _ => 120 };
var paymentWait = new Option<int>("--payment-wait") { Description = "Seconds to wait for a paid order to turn PAID", DefaultValueFactory = _ => 60 };
var reviewWait = new Option<int>("--review-wait") { Description = "Seconds to wait until no review is PENDING", DefaultValueFactory = _ => 180 };
var skipReviews = new Option<bool>("--skip-reviews") { Description = "Stop after the orders are completed (a marketplace without the reviews API)" };
var json = new Option<FileInfo?>("--json") { Description = "Also write the summary as JSON to this file" };

var root = new RootCommand("Plays a flash sale with payments, shipping and moderated reviews against running services and checks the invariants.")
{
    marketplace, sandbox, adminEmail, adminPassword, adminPasswordFile, buyers, stock, requests, concurrency, orderWait, paymentWait, reviewWait, skipReviews, json,
};
root.SetAction(async (parse, ct) =>
{
    try
    {
        var password = parse.GetValue(adminPassword)
            ?? (parse.GetValue(adminPasswordFile) is { } file ? (await File.ReadAllTextAsync(file.FullName, ct)).Trim() : null)
            ?? Environment.GetEnvironmentVariable("MODERATION_ADMIN_PASSWORD")
            ?? throw new DemoAbortedException("the admin's password is needed: --admin-password, --admin-password-file or MODERATION_ADMIN_PASSWORD");
        var options = new DemoOptions
        {
            MarketplaceUrl = BaseUrl(parse.GetValue(marketplace), "--marketplace-url"),
            SandboxUrl = BaseUrl(parse.GetValue(sandbox), "--sandbox-url"),
            AdminEmail = parse.GetValue(adminEmail)!,
            AdminPassword = password,
            Buyers = Positive(parse.GetValue(buyers), "--buyers"),
            Stock = Positive(parse.GetValue(stock), "--stock"),
            RequestsPerBuyer = Positive(parse.GetValue(requests), "--requests-per-buyer"),
            Concurrency = Positive(parse.GetValue(concurrency), "--concurrency"),
            OrderWait = TimeSpan.FromSeconds(Positive(parse.GetValue(orderWait), "--order-wait")),
            PaymentWait = TimeSpan.FromSeconds(Positive(parse.GetValue(paymentWait), "--payment-wait")),
            ReviewWait = TimeSpan.FromSeconds(Positive(parse.GetValue(reviewWait), "--review-wait")),
            SkipReviews = parse.GetValue(skipReviews),
            JsonPath = parse.GetValue(json)?.FullName,
        };
        var summary = await DemoScenario.RunAsync(options, ct);
        if (options.JsonPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(summary, Json.Indented), ct);
        }

        SummaryTables.Print(summary);
        if (summary.Invariants.FirstOrDefault(i => !i.Passed) is { } broken)
        {
            await Console.Error.WriteLineAsync($"demo: invariant failed: {broken.Name}: {broken.Detail}");
            return 1;
        }

        return 0;
    }
    catch (DemoAbortedException e)
    {
        await Console.Error.WriteLineAsync("demo: " + e.Message.ReplaceLineEndings(" "));
        return 2;
    }
    catch (IOException e)
    {
        await Console.Error.WriteLineAsync("demo: " + e.Message.ReplaceLineEndings(" "));
        return 2;
    }
});
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // One line and exit 2, so a caller tells a usage error from a broken invariant (exit 1).
    await Console.Error.WriteLineAsync("demo: " + parsed.Errors[0].Message + " (see --help)");
    return 2;
}

return await parsed.InvokeAsync();

static int Positive(int value, string name) =>
    value > 0 ? value : throw new DemoAbortedException($"{name} must be a positive number");

static Uri BaseUrl(string? value, string name) =>
    Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        ? uri
        : throw new DemoAbortedException($"{name} must be an absolute http(s) URL, not '{value}'");
