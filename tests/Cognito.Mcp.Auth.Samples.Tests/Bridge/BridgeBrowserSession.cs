using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cognito.Mcp.Auth.Samples.Tests.Bridge;

/// <summary>
/// One test's world for signing in through the authorization bridge in a real browser: LocalCognito, CalculatorServer
/// (a process, bridge on), the test's own OAuth client (its loopback redirect receiver; registration, PKCE and the
/// token request over HTTP) and headless Chromium. All of it stops on dispose.
/// </summary>
internal sealed class BridgeBrowserSession : IAsyncDisposable
{
    public const string ClientName = "Playwright test client";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly List<string> _trace = [];
    private IPlaywright? _playwright;

    private BridgeBrowserSession(CalculatorStory story, LoopbackRedirectReceiver receiver)
    {
        Story = story;
        Receiver = receiver;
    }

    public CalculatorStory Story { get; }

    public LoopbackRedirectReceiver Receiver { get; }

    public IBrowser Browser { get; private set; } = null!;

    public static async Task<BridgeBrowserSession> StartAsync()
    {
        var story = await CalculatorStory.StartWithBridgeAsync(TestContext.Current.CancellationToken);
        LoopbackRedirectReceiver? receiver = null;
        try
        {
            receiver = await LoopbackRedirectReceiver.StartAsync();
            var session = new BridgeBrowserSession(story, receiver);
            (session._playwright, session.Browser) = await Chromium.LaunchAsync();
            return session;
        }
        catch
        {
            if (receiver is not null)
            {
                await receiver.DisposeAsync();
            }

            await story.DisposeAsync();
            throw;
        }
    }

    /// <summary>A fresh browser profile (no cookies) in light mode, recording its traffic for failure messages.</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };
        options.ColorScheme ??= ColorScheme.Light;
        var context = await Browser.NewContextAsync(options);
        context.SetDefaultTimeout(60_000); // CI runs every test assembly at once on two cores
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        page.Response += (_, response) => { lock (_trace) { _trace.Add($"{response.Status} {response.Request.Method} {response.Url.Split('?')[0]}"); } };
        page.Console += (_, message) => { lock (_trace) { _trace.Add($"console {message.Type}: {message.Text}"); } };
        page.RequestFailed += (_, request) => { lock (_trace) { _trace.Add($"failed {request.Method} {request.Url.Split('?')[0]}: {request.Failure}"); } };
        return page;
    }

    /// <summary>The pages the browsers loaded and what the server printed, for failure messages.</summary>
    public string Trace()
    {
        lock (_trace)
        {
            return $"--- browser ---\n{string.Join('\n', _trace)}\n--- CalculatorServer ---\n{Story.Server.Output}";
        }
    }

    /// <summary>Waits until the browser arrives at the client's redirect URI; fails with what the browser and server did.</summary>
    public async Task<Uri> ArrivalAsync(IPage page)
    {
        try
        {
            var arrived = await Receiver.NextAsync(TimeSpan.FromSeconds(90));
            await page.WaitForSelectorAsync("#done"); // the browser shows the client's page
            return arrived;
        }
        catch (TimeoutException e)
        {
            Assert.Fail($"{e.Message} The browser is at {page.Url.Split('?')[0]}.\n{Trace()}");
            throw;
        }
    }

    /// <summary>Registers the test's client with RFC 7591 dynamic registration, for its loopback redirect URI.</summary>
    public async Task<string> RegisterAsync()
    {
        using var response = await _http.PostAsJsonAsync(Story.BaseUrl + "/oauth/register", new
        {
            client_name = ClientName,
            redirect_uris = new[] { Receiver.RedirectUri },
            grant_types = new[] { "authorization_code", "refresh_token" },
            response_types = new[] { "code" },
            token_endpoint_auth_method = "none",
        }, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        return document.RootElement.GetProperty("client_id").GetString()!;
    }

    /// <summary>A new PKCE pair and state, and the authorization URL that carries them.</summary>
    public (string Url, string Verifier, string State) NewAuthorization(string clientId)
    {
        var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var state = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var url = QueryHelpers.AddQueryString(Story.BaseUrl + "/oauth/authorize", new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = Receiver.RedirectUri,
            ["state"] = state,
            ["code_challenge"] = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))),
            ["code_challenge_method"] = "S256",
            ["scope"] = "my-api/read",
            ["resource"] = Story.McpUrl,
        });
        return (url, verifier, state);
    }

    /// <summary>Redeems a code at the bridge's token endpoint; returns the access token (never printed).</summary>
    public async Task<string> RedeemAsync(string clientId, string code, string verifier)
    {
        using var response = await _http.PostAsync(Story.BaseUrl + "/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Receiver.RedirectUri,
            ["code_verifier"] = verifier,
            ["client_id"] = clientId,
            ["resource"] = Story.McpUrl,
        }), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} from the token endpoint");
        using var document = JsonDocument.Parse(body);
        Assert.Equal("my-api/read", document.RootElement.GetProperty("scope").GetString());
        return document.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>Calls add(10, 20) with the C# MCP SDK, the access token as its bearer; returns the tool's text.</summary>
    public async Task<string> AddAsync(string accessToken)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(Story.McpUrl),
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + accessToken },
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Cancellation);
        var result = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 10, ["b"] = 20 }, cancellationToken: Cancellation);
        Assert.NotEqual(true, result.IsError);
        return Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _http.Dispose();
        await Receiver.DisposeAsync();
        await Story.DisposeAsync();
    }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
