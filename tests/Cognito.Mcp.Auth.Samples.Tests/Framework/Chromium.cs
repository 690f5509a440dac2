using Microsoft.Playwright;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>
/// Debian's headless Chromium driven by Playwright. No browser is ever downloaded: CI installs the <c>chromium</c>
/// package (<c>bash test.sh</c> installs it). A missing or broken Chromium fails the test with the fix, it never skips.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"Chromium is not installed at {ExecutablePath}: run 'bash test.sh' or 'apt-get install -y chromium'. Never 'playwright install'.");
        }

        // Playwright must not look for or fetch its own browsers.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return (playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            Assert.Fail($"Chromium at {ExecutablePath} did not start under Playwright: {e.Message}");
            throw;
        }
    }
}
