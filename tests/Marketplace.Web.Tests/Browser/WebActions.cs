using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Web.Tests.Browser;

/// <summary>What a person does on the site, step by step through its labels and buttons (as a screen reader finds them).</summary>
internal static class WebActions
{
    public const string Password = "correct-horse-battery-1";

    public static async Task<string> SignUpAsync(this IPage page, string name = "Web Buyer")
    {
        var email = $"web-{Guid.NewGuid():N}@e2e.test";
        await page.GotoAsync("/signup");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Display name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync(name);
        return email;
    }

    public static async Task SignInAsync(this IPage page, string email, string password)
    {
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync();
    }

    /// <summary>Waits for the server circuit, so a live page's buttons do something when clicked.</summary>
    public static Task WaitInteractiveAsync(this IPage page, ILocator button) => Expect(button).ToBeEnabledAsync();
}
