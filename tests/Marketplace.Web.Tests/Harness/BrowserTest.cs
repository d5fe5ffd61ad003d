using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Harness;

/// <summary>
/// Base of the browser tests: pages opened through it get a screenshot of where they ended (pass or fail) in
/// <c>screenshots/</c> beside the test assembly (or <c>WEB_SCREENSHOTS</c>), and a failing test gets every service's
/// last log lines.
/// </summary>
[Collection(WebStackCollection.Name)]
public abstract class BrowserTest(WebStack stack) : IAsyncDisposable
{
    private readonly List<(IPage Page, string Name)> _pages = [];

    protected WebStack Stack { get; } = stack;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("WEB_SCREENSHOTS") is { Length: > 0 } dir ? dir : Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>A new browser profile; <paramref name="name"/> names its screenshot.</summary>
    protected async Task<IPage> OpenAsync(string name, bool phone = false)
    {
        var page = await Stack.NewPageAsync(phone);
        _pages.Add((page, name));
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        foreach (var (page, name) in _pages)
        {
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
            }
            catch (PlaywrightException)
            {
                // A page that crashed leaves no screenshot; the log below says why.
            }

            await page.Context.CloseAsync();
        }

        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(Stack.DescribeLogs());
        }

        GC.SuppressFinalize(this);
    }
}
