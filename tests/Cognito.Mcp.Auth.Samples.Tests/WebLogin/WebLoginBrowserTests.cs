using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Cognito.Mcp.Auth.Testing.LocalCognitoDevelopmentPool;

namespace Cognito.Mcp.Auth.Samples.Tests.WebLogin;

/// <summary>samples/WebLogin in headless Chromium against LocalCognito's managed login.</summary>
public sealed partial class WebLoginBrowserTests(WebLoginFixture fixture) : IClassFixture<WebLoginFixture>
{
    [Fact]
    public async Task Demo_user_signs_in_sees_the_profile_then_logs_out_of_the_app_and_of_Cognito()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(fixture.App.BaseAddress);
        await page.ClickAsync("text=Log in with Cognito");
        await SignInAsync(page, DemoUsername, DemoPassword);

        await WaitForUrlAsync(page, $"{fixture.App.BaseAddress}/profile");
        Assert.Equal(DemoEmail, await page.TextContentAsync("#email"));
        Assert.Equal(DemoName, await page.TextContentAsync("#name"));
        Assert.Equal(DemoUserSub, await page.TextContentAsync("#sub"));
        var html = await page.ContentAsync();
        Assert.Contains("my-api/read", html, StringComparison.Ordinal); // The decoded access token's scope.
        Assert.DoesNotMatch(CompactJwt(), html); // Tokens are shown decoded, never whole (no signature).
        var session = Assert.Single(await page.Context.CookiesAsync([fixture.App.BaseAddress]), c => c.Name == "WebLogin");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        await page.ClickAsync("button:has-text('Log out')");
        await WaitForUrlAsync(page, $"{fixture.App.BaseAddress}/logout");
        Assert.Contains("You are signed out", await page.TextContentAsync("body"), StringComparison.Ordinal);

        // Both sessions ended: the profile sends the browser to Cognito's login page again instead of straight back.
        await page.GotoAsync($"{fixture.App.BaseAddress}/profile");
        await page.WaitForSelectorAsync("input[name=password]"); // the page, not navigation events (see WaitForUrlAsync)
        Assert.StartsWith($"{fixture.Pool.DomainUrl}/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_stays_on_the_login_page_with_an_error()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.App.BaseAddress}/login");
        await SignInAsync(page, DemoUsername, "Wrong-Passw0rd!");
        await page.WaitForSelectorAsync(".error");

        Assert.StartsWith($"{fixture.Pool.DomainUrl}/login", page.Url, StringComparison.Ordinal);
        Assert.Equal("Incorrect username or password.", (await page.TextContentAsync(".error"))?.Trim());

        await page.GotoAsync(fixture.App.BaseAddress);
        Assert.Contains("You are not signed in", await page.TextContentAsync("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelled_sign_in_shows_the_cancelled_page()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.App.BaseAddress}/login");
        await page.WaitForSelectorAsync("input[name=password]");
        var state = new Uri(page.Url).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("state=", StringComparison.Ordinal))[6..];

        // What Cognito sends back when the user cancels: error=access_denied with the request's state.
        await page.GotoAsync($"{fixture.App.BaseAddress}/callback?error=access_denied&state={state}");

        Assert.StartsWith($"{fixture.App.BaseAddress}/signin-cancelled", page.Url, StringComparison.Ordinal);
        Assert.Contains("Sign-in was cancelled", await page.TextContentAsync("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_callback_without_the_browser_state_shows_the_failure_page()
    {
        var page = await fixture.NewPageAsync();
        var response = await page.GotoAsync($"{fixture.App.BaseAddress}/callback?code=forged&state=forged");

        Assert.Equal($"{fixture.App.BaseAddress}/signin-failed", page.Url);
        Assert.Equal(400, response!.Status);
        Assert.Contains("Sign-in could not be completed", await page.TextContentAsync("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_user_opens_the_M2M_demo_which_calls_CalculatorServer_with_a_client_credentials_token()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"{fixture.App.BaseAddress}/m2m-demo");
        await SignInAsync(page, DemoUsername, DemoPassword); // Anonymous visitors are sent to sign in first.
        await WaitForUrlAsync(page, $"{fixture.App.BaseAddress}/m2m-demo");

        Assert.True(await page.IsVisibleAsync("#result"), await page.ContentAsync() + fixture.Logs);
        Assert.Equal("10 + 20 = 30", await page.TextContentAsync("#result"));
        Assert.Contains("my-api/read my-api/write", await page.TextContentAsync("body"), StringComparison.Ordinal);
    }

    private async Task WaitForUrlAsync(IPage page, string url)
    {
        try
        {
            // Asked of the page itself, not of navigation events: waiting for those has timed out under full-suite load
            // with the browser already showing the expected page (Playwright retries across navigations).
            await page.WaitForFunctionAsync("expected => location.href === expected && document.readyState !== 'loading'", url);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Expected {url}, the browser is at {page.Url}:\n{await page.ContentAsync()}\n{fixture.Trace(page)}\n{fixture.Logs}");
        }
    }

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.FillAsync("input[name=username]", username);
        await page.FillAsync("input[name=password]", password);
        await page.ClickAsync("button[type=submit]"); // Callers wait for the outcome they expect, not for "load".
    }

    [GeneratedRegex(@"eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{10,}")]
    private static partial Regex CompactJwt();
}
