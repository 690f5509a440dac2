using System.Text.Json;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Tests.Bridge;
using Microsoft.AspNetCore.WebUtilities;

namespace Cognito.Mcp.Auth.Samples.Tests.Interop;

/// <summary>
/// The official TypeScript MCP SDK's OAuth client (tests/interop/oauth.mjs) signs in to CalculatorServer through the
/// authorization bridge: discovery, registration (dynamic or a client ID metadata document), PKCE, token exchange.
/// The browser's part (consent, LocalCognito's login) is walked over HTTP by <see cref="HttpSignInBrowser"/>; the
/// script prints the authorization URL and reads back where the browser was sent.
/// </summary>
public sealed class TypeScriptOAuthClientTests
{
    private const string ClientName = "TypeScript SDK interop client";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TypeScript_sdk_registers_dynamically_signs_in_through_the_bridge_and_adds_10_and_20()
    {
        await using var story = await CalculatorStory.StartWithBridgeAsync(Cancellation);
        var redirect = $"http://127.0.0.1:{CalculatorStory.FreePort()}/callback";
        using var browser = new HttpSignInBrowser();

        var result = await RunAsync(story, browser, redirect, clientMetadataUrl: null);

        var clientId = result.GetProperty("clientId").GetString()!;
        Assert.False(clientId.StartsWith("https://", StringComparison.Ordinal), clientId);
        Assert.Equal(1, result.GetProperty("registrations").GetInt32());
        AssertSignedInAndCalled(story, result);
        Assert.Equal(1, browser.ConsentPagesShown);
        Assert.Contains(ClientName, browser.ConsentPage, StringComparison.Ordinal);
        Assert.Contains("Registered itself with this server", browser.ConsentPage, StringComparison.Ordinal);
        Assert.Contains($"Client {clientId} registered dynamically with redirect hosts http://127.0.0.1.", story.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeScript_sdk_signs_in_with_a_client_id_metadata_document_served_over_https()
    {
        var redirect = $"http://127.0.0.1:{CalculatorStory.FreePort()}/callback";
        await using var documents = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, JsonSerializer.Serialize(new
        {
            client_id = $"https://{context.Request.Host}{context.Request.Path}",
            client_name = ClientName,
            redirect_uris = new[] { redirect },
            grant_types = new[] { "authorization_code", "refresh_token" },
            response_types = new[] { "code" },
            token_endpoint_auth_method = "none",
        })));
        using var trust = TrustBundle.Create(HttpsDocumentServer.Certificate);
        await using var story = await CalculatorStory.StartWithBridgeAsync(Cancellation, trust.EnvironmentVariables.ToDictionary());
        using var browser = new HttpSignInBrowser();
        var documentUrl = documents.Url("/client.json");

        var result = await RunAsync(story, browser, redirect, documentUrl);

        Assert.Equal(documentUrl, result.GetProperty("clientId").GetString());
        Assert.Equal(0, result.GetProperty("registrations").GetInt32());
        AssertSignedInAndCalled(story, result);
        Assert.Equal(1, documents.Requests); // authorize fetched it; the token request found it in the cache
        Assert.Equal(1, browser.ConsentPagesShown);
        Assert.Contains(ClientName, browser.ConsentPage, StringComparison.Ordinal);
        Assert.Contains("Described by 127.0.0.1", browser.ConsentPage, StringComparison.Ordinal);
        Assert.Contains("Fetched the client metadata document from 127.0.0.1", story.Server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("registered dynamically", story.Server.Output, StringComparison.Ordinal);
    }

    private static void AssertSignedInAndCalled(CalculatorStory story, JsonElement result)
    {
        Assert.Equal(story.BaseUrl, result.GetProperty("issuer").GetString());
        Assert.Equal(story.BaseUrl, result.GetProperty("authorizationServer").GetString()!.TrimEnd('/'));
        Assert.Equal("my-api/read", result.GetProperty("scope").GetString());
        Assert.True(result.GetProperty("hasRefreshToken").GetBoolean());
        Assert.Equal(["add", "subtract", "multiply", "divide", "power", "square_root"], result.GetProperty("tools").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("30", result.GetProperty("add").GetString());
        Assert.False(result.GetProperty("isError").GetBoolean());
        Assert.Contains("Tool add called by client " + CalculatorStory.BridgeClientId, story.Server.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"eyJ[\w-]+\.eyJ", story.Server.Output); // no token in the server's log
    }

    /// <summary>Runs oauth.mjs: waits for its authorization URL, signs in, hands back the redirect, returns its result line.</summary>
    private static async Task<JsonElement> RunAsync(CalculatorStory story, HttpSignInBrowser browser, string redirect, string? clientMetadataUrl)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "interop");
        Assert.True(
            Directory.Exists(Path.Combine(directory, "node_modules", "@modelcontextprotocol", "sdk")),
            "The TypeScript SDK is not installed: run `bash test.sh` (or `npm ci` in tests/interop).");
        string[] arguments = clientMetadataUrl is null ? ["oauth.mjs", story.McpUrl, redirect] : ["oauth.mjs", story.McpUrl, redirect, clientMetadataUrl];
        await using var node = ExternalProcess.Start("node", arguments, workingDirectory: directory, keepStandardInput: true);

        var first = Parse(await node.WaitForLineAsync(l => l.StartsWith('{'), Deadline), node);
        Assert.True(first.TryGetProperty("authorize", out var authorize), $"{first}\n{node.Stderr}\n--- server ---\n{story.Server.Output}");
        var authorizeUrl = new Uri(authorize.GetString()!);
        Assert.Equal(story.BaseUrl + "/oauth/authorize", authorizeUrl.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(authorizeUrl.Query);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(story.McpUrl, query["resource"]);
        Assert.Equal(redirect, query["redirect_uri"]);
        Assert.False(string.IsNullOrEmpty(query["state"]));

        var back = await browser.SignInAsync(authorizeUrl.AbsoluteUri, redirect, Cancellation);
        await node.WriteLineAsync(back.AbsoluteUri);
        var exitCode = await node.WaitForExitAsync(Deadline);

        var last = Parse(node.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1], node);
        Assert.True(exitCode == 0, $"{last}\n{node.Stderr}\n--- server ---\n{story.Server.Output}");
        return last;
    }

    private static JsonElement Parse(string line, ExternalProcess node)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"node printed something other than JSON: {line}\n{node.Stderr}");
        }
    }
}
