using System.Text.Json;
using EndToEnd.Tests.Harness;

namespace EndToEnd.Tests.Reviews;

/// <summary><c>marketplace/Marketplace.Demo</c> (what <c>./run.sh --demo</c> runs) played against the started processes.</summary>
[Collection(ReviewsPlatform.Name)]
public sealed class DemoProgramTests(Platform platform) : PlatformTest(platform)
{
    [Fact]
    public async Task The_demo_sells_out_a_flash_sale_without_overselling_and_every_invariant_holds()
    {
        const int stock = 12;
        var folder = Directory.CreateTempSubdirectory("e2e-demo-");
        var summaryPath = Path.Combine(folder.FullName, "summary.json");
        string[] arguments =
        [
            "--marketplace-url", Platform.Marketplace.Url.ToString(), "--sandbox-url", Platform.Sandbox.Url.ToString(),
            "--admin-email", Platform.AdminEmail, "--admin-password", Platform.AdminPassword,
            // Small enough for two shared cores; more buyers than units, so the sale sells out.
            "--buyers", "30", "--stock", stock.ToString(System.Globalization.CultureInfo.InvariantCulture), "--requests-per-buyer", "2",
            "--concurrency", "6", "--json", summaryPath,
        ];

        var (exitCode, output) = await ProgramRun.RunAsync(ChildProcessAssemblies.Demo, arguments, TimeSpan.FromMinutes(5));
        var json = File.Exists(summaryPath) ? await File.ReadAllTextAsync(summaryPath, Ct) : "";
        folder.Delete(recursive: true);

        Assert.True(exitCode == 0, $"demo exited with {exitCode}:\n{output}");
        using var summary = JsonDocument.Parse(json);
        var sale = summary.RootElement.GetProperty("flashSale");
        var orders = sale.GetProperty("orders").GetInt32();
        Assert.Equal(0, Math.Max(0, orders - stock));
        Assert.Equal(stock, orders);
        var invariants = summary.RootElement.GetProperty("invariants").EnumerateArray().ToList();
        Assert.Contains(invariants, i => i.GetProperty("name").GetString()!.StartsWith("no oversell", StringComparison.Ordinal));
        Assert.All(invariants, i => Assert.True(i.GetProperty("passed").GetBoolean(), i.GetProperty("name").GetString() + ": " + i.GetProperty("detail").GetString()));
        Assert.Equal(0, summary.RootElement.GetProperty("reviews").GetProperty("stillPending").GetArrayLength());
    }
}
