using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Cognito.Mcp.Auth.Testing.LocalCognitoDevelopmentPool;

namespace Cognito.Mcp.Auth.Samples.Tests.Bridge;

/// <summary>
/// A person signs in through CalculatorServer's authorization bridge in headless Chromium: the bridge's consent page,
/// then LocalCognito's managed login, then back to the client's loopback redirect URI. The client is the test itself.
/// </summary>
public sealed class BridgeBrowserTests
{
    /// <summary>Set to a folder to keep the consent page screenshots (docs/images is refreshed from there); a temporary folder otherwise.</summary>
    private const string ScreenshotsVariable = "CONSENT_SCREENSHOTS_DIR";

    [Fact]
    public async Task A_person_allows_the_client_by_keyboard_signs_in_and_the_client_calls_a_tool()
    {
        await using var session = await BridgeBrowserSession.StartAsync();
        var clientId = await session.RegisterAsync();
        var (url, verifier, state) = session.NewAuthorization(clientId);
        var page = await session.NewPageAsync();

        await page.GotoAsync(url);
        await AssertConsentPageAsync(page, session);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Allow", await FocusedTextAsync(page));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Deny", await FocusedTextAsync(page));
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal("Allow", await FocusedTextAsync(page));
        await page.Keyboard.PressAsync("Enter");

        await SignInAtCognitoAsync(page, session);
        var back = await session.ArrivalAsync(page);
        Assert.StartsWith(session.Receiver.RedirectUri + "?", page.Url, StringComparison.Ordinal);
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.Equal(state, query["state"]);
        Assert.Equal(session.Story.BaseUrl, query["iss"]);
        var token = await session.RedeemAsync(clientId, query["code"]!, verifier);
        Assert.Equal("30", await session.AddAsync(token));
    }

    [Fact]
    public async Task Consent_is_remembered_in_the_same_browser_and_asked_again_in_another()
    {
        await using var session = await BridgeBrowserSession.StartAsync();
        var clientId = await session.RegisterAsync();
        var page = await session.NewPageAsync();
        var (firstUrl, _, _) = session.NewAuthorization(clientId);
        await page.GotoAsync(firstUrl);
        await AssertConsentPageAsync(page, session);
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync();
        await SignInAtCognitoAsync(page, session);
        await session.ArrivalAsync(page);

        // The same browser, a second authorization: no consent page (and Cognito's session spares the login too).
        var seen = new List<string>();
        page.Response += (_, response) => { lock (seen) { seen.Add($"{response.Status} {new Uri(response.Url).AbsolutePath}"); } };
        var (secondUrl, verifier, state) = session.NewAuthorization(clientId);
        await page.GotoAsync(secondUrl);
        var back = await session.ArrivalAsync(page);
        var query = QueryHelpers.ParseQuery(back.Query);
        Assert.Equal(state, query["state"]);
        lock (seen)
        {
            Assert.Contains("302 /oauth/authorize", seen);
            Assert.DoesNotContain("200 /oauth/authorize", seen);
            Assert.DoesNotContain(seen, s => s.EndsWith("/oauth/consent", StringComparison.Ordinal));
        }

        Assert.Equal("30", await session.AddAsync(await session.RedeemAsync(clientId, query["code"]!, verifier)));

        // Another browser profile has not consented: the page is shown again.
        var other = await session.NewPageAsync();
        await other.GotoAsync(session.NewAuthorization(clientId).Url);
        await AssertConsentPageAsync(other, session);
    }

    [Fact]
    public async Task Consent_page_fits_desktop_and_phone_widths_without_horizontal_scrolling()
    {
        await using var session = await BridgeBrowserSession.StartAsync();
        var clientId = await session.RegisterAsync();
        var keep = Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } chosen ? Directory.CreateDirectory(chosen) : null;
        var folder = keep ?? Directory.CreateTempSubdirectory("consent-");
        try
        {
            var desktop = await session.NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            var phone = await session.NewPageAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = 390, Height = 844 },
                DeviceScaleFactor = 2,
                IsMobile = true,
                HasTouch = true,
            });
            foreach (var (page, width, file) in new[] { (desktop, 1280, "consent-page.png"), (phone, 390, "consent-page-mobile.png") })
            {
                await page.GotoAsync(session.NewAuthorization(clientId).Url);
                await AssertConsentPageAsync(page, session);
                Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"The consent page scrolls sideways at {width} px.");
                foreach (var name in new[] { "Allow", "Deny" })
                {
                    var box = await page.GetByRole(AriaRole.Button, new() { Name = name }).BoundingBoxAsync();
                    Assert.NotNull(box);
                    Assert.True(box.X >= 0 && box.X + box.Width <= width, $"{name} is cut off at {width} px.");
                    Assert.True(box.Height >= 44, $"{name} is {box.Height} px tall at {width} px, below the 44 px touch target.");
                }

                var path = Path.Combine(folder.FullName, file);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
                Assert.Equal(page == phone ? 780 : 1280, PngWidth(path)); // the phone renders at device scale 2
            }
        }
        finally
        {
            if (keep is null)
            {
                folder.Delete(recursive: true);
            }
        }
    }

    private static async Task AssertConsentPageAsync(IPage page, BridgeBrowserSession session)
    {
        try
        {
            await page.WaitForSelectorAsync("h1#title");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No consent page at {page.Url}:\n{await page.ContentAsync()}\n{session.Trace()}");
        }

        Assert.StartsWith(session.Story.BaseUrl + "/oauth/authorize?", page.Url, StringComparison.Ordinal);
        Assert.Equal($"Allow {BridgeBrowserSession.ClientName} to use CalculatorApp?", (await page.TextContentAsync("h1"))?.Trim());
        Assert.True(await page.GetByText("an application on this computer (http://127.0.0.1)").IsVisibleAsync());
        var scopes = page.Locator("dd li code");
        Assert.Equal(["my-api/read"], await scopes.AllTextContentsAsync());
        Assert.True(await scopes.First.IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Deny" }).IsVisibleAsync());
    }

    private static async Task SignInAtCognitoAsync(IPage page, BridgeBrowserSession session)
    {
        await page.WaitForSelectorAsync("input[name=password]");
        Assert.StartsWith($"{session.Story.Pool.DomainUrl}/login", page.Url, StringComparison.Ordinal);
        await page.FillAsync("input[name=username]", DemoUsername);
        await page.FillAsync("input[name=password]", DemoPassword);
        await page.ClickAsync("button[type=submit]"); // callers wait for the redirect they expect
    }

    private static Task<string> FocusedTextAsync(IPage page) =>
        page.EvaluateAsync<string>("document.activeElement ? document.activeElement.textContent.trim() : ''");

    /// <summary>The width in the PNG's IHDR chunk (big-endian, bytes 16 to 19).</summary>
    private static int PngWidth(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("\x89PNG", System.Text.Encoding.Latin1.GetString(bytes, 0, 4));
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
    }
}
