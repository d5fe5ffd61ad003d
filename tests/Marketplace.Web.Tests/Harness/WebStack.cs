using System.Globalization;
using EndToEnd.Tests.Harness;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Harness;

/// <summary>
/// The platform (API, sandbox, inference on the test bundle, PostgreSQL, Redis) plus the web front-end as a child
/// process pointed at it, the API's Alipay return_url set to the web's return page, and one headless chromium from
/// Debian's package (<c>CHROMIUM_PATH</c>, default /usr/bin/chromium) driven by Playwright. Nothing downloads a browser.
/// </summary>
public sealed class WebStack : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public WebStack()
    {
        WebUrl = FreePort.Url();
        Platform = new Platform { PaymentReturnUrl = new Uri(WebUrl, "payments/return") };
        Web = new ServiceProcess("web", ChildProcessAssemblies.MarketplaceWeb, WebUrl, "/healthz");
    }

    public Platform Platform { get; }

    public Uri WebUrl { get; }

    internal ServiceProcess Web { get; }

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"no chromium at {ChromiumPath}: install Debian's chromium package (scripts/bootstrap.sh does) or set CHROMIUM_PATH");
        }

        await Platform.InitializeAsync();
        Web.Settings["Marketplace:BaseUrl"] = Platform.Marketplace.Url.ToString();
        Web.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning";
        await Web.StartAsync();
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in CI containers cannot use chromium's sandbox; the pages are our own.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser profile (no cookies) on the web front-end, phone-wide when asked.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = WebUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public string DescribeLogs() =>
        Platform.DescribeLogs() + string.Create(CultureInfo.InvariantCulture, $"===== web at {Web.Url}: {(Web.IsRunning ? "running" : "not running")} =====\n") + Web.Log.Tail();

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Web.DisposeAsync();
        await Platform.DisposeAsync();
    }
}
