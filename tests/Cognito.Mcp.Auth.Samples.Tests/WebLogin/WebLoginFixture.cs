using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using Microsoft.Playwright;
using static Cognito.Mcp.Auth.Testing.LocalCognitoDevelopmentPool;

namespace Cognito.Mcp.Auth.Samples.Tests.WebLogin;

/// <summary>
/// LocalCognito with the development pool (in this process), CalculatorServer and WebLogin (real processes) on
/// free ports of 127.0.0.1, and headless Chromium. Because WebLogin does not run on port 5000, the pool gets a web
/// client whose callback and sign-out URLs are WebLogin's actual address.
/// </summary>
public sealed class WebLoginFixture : IAsyncLifetime
{
    // Fixed so WebLogin can be configured before its port (and so the client's callback URL) is known.
    public const string ClientId = "webloginsamplestestclient1";
    public const string ClientSecret = "webloginsamplestestsecretnotforproductionuse0000001";

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> _traces = [];
    private IPlaywright? _playwright;

    public LocalCognito Cognito { get; private set; } = null!;

    public LocalUserPool Pool => Cognito.DevelopmentPool!;

    internal SampleHost Calculator { get; private set; } = null!;

    internal SampleHost App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Cognito = await LocalCognito.StartWithDevelopmentPoolAsync();
        Calculator = await SampleHost.StartAsync("CalculatorServer", new Dictionary<string, string?>
        {
            ["Cognito__Issuer"] = Pool.Issuer,
        });
        App = await SampleHost.StartAsync("WebLogin", new Dictionary<string, string?>
        {
            ["Cognito__Authority"] = Pool.Issuer,
            ["Cognito__Domain"] = Pool.DomainUrl!.ToString(),
            ["Cognito__ClientId"] = ClientId,
            ["Cognito__ClientSecret"] = ClientSecret,
            ["M2M__Domain"] = Pool.DomainUrl!.ToString(),
            ["Calculator__McpUrl"] = $"{Calculator.BaseAddress}/mcp",
        });
        Pool.AddClient(new LocalAppClientSettings
        {
            Name = "weblogin-tests",
            ClientId = ClientId,
            GenerateSecret = true,
            ClientSecret = ClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.Code],
            AllowedOAuthScopes = ["openid", "email", "profile", ReadScope],
            CallbackUrls = [$"{App.BaseAddress}/callback"],
            LogoutUrls = [$"{App.BaseAddress}/logout"],
        });
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh browser profile (no cookies).</summary>
    public async Task<IPage> NewPageAsync()
    {
        // CSP stays on, as a person's browser has it (docs/security.md describes LocalCognito's).
        var context = await Browser.NewContextAsync();
        // Generous: CI runs every test assembly at once on two cores.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var trace = new List<string>();
        _traces.AddOrUpdate(page, trace);
        page.Response += (_, response) => { lock (trace) { trace.Add($"{response.Status} {response.Request.Method} {response.Url}"); } };
        page.Console += (_, message) => { lock (trace) { trace.Add($"console {message.Type}: {message.Text}"); } };
        page.RequestFailed += (_, request) => { lock (trace) { trace.Add($"failed {request.Method} {request.Url}: {request.Failure}"); } };
        return page;
    }

    /// <summary>The page's network responses and console messages, for failure messages.</summary>
    public string Trace(IPage page)
    {
        if (!_traces.TryGetValue(page, out var trace))
        {
            return "";
        }

        lock (trace)
        {
            return "--- browser ---\n" + string.Join('\n', trace);
        }
    }

    /// <summary>What the sample printed, for failure messages.</summary>
    public string Logs => $"--- WebLogin stdout ---\n{App?.Stdout}\n--- WebLogin stderr ---\n{App?.Stderr}";

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        foreach (var host in new[] { App, Calculator })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (Cognito is not null)
        {
            await Cognito.DisposeAsync();
        }
    }
}
