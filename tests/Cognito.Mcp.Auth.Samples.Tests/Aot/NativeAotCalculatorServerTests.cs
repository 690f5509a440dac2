using System.Net;
using System.Net.Http.Headers;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Samples.Tests.Aot;

/// <summary>
/// CalculatorServer published with native AOT (issue #13), started as its binary against LocalCognito: the same
/// answers as the JIT build, from configuration binding and token validation to the metadata JSON and the challenges.
/// </summary>
public sealed class NativeAotCalculatorServerTests(NativePublishFixture publish) : IClassFixture<NativePublishFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<(LocalCognito Cognito, NativeCalculatorServer Server)> StartAsync(NativeBinary binary, IDictionary<string, string?>? settings = null)
    {
        var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Cancellation);
        var environment = new Dictionary<string, string?> { ["Cognito__Issuer"] = cognito.DevelopmentPool!.Issuer };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        try
        {
            return (cognito, await NativeCalculatorServer.StartAsync(binary, environment));
        }
        catch
        {
            await cognito.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task The_native_binary_answers_a_tools_call_authorized_with_a_token_from_cognito()
    {
        var binary = await publish.GetAsync();
        var (cognito, server) = await StartAsync(binary);
        await using var _ = cognito;
        await using var __ = server;
        var services = new ServiceCollection();
        services.AddCognitoTokenClient(options =>
        {
            options.TokenEndpoint = cognito.DevelopmentPool!.TokenEndpoint;
            options.ClientId = LocalCognitoDevelopmentPool.M2MClientId;
            options.ClientSecret = LocalCognitoDevelopmentPool.M2MClientSecret;
            options.Scopes.Add(LocalCognitoDevelopmentPool.ReadScope);
        });
        services.AddHttpClient("mcp").AddCognitoAccessTokenHandler();
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("mcp");
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = new Uri(server.McpUrl), TransportMode = HttpTransportMode.StreamableHttp }, http, ownsHttpClient: true);

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Cancellation);
        var tools = await client.ListToolsAsync(cancellationToken: Cancellation);
        var sum = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 10, ["b"] = 20.5 }, cancellationToken: Cancellation);
        var division = await client.CallToolAsync("divide", new Dictionary<string, object?> { ["a"] = 1, ["b"] = 0 }, cancellationToken: Cancellation);

        Assert.Equal(["add", "divide", "multiply", "power", "square_root", "subtract"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.Equal("30.5", Assert.IsType<TextContentBlock>(Assert.Single(sum.Content)).Text);
        Assert.True(division.IsError);
        Assert.Equal("Cannot divide by zero", Assert.IsType<TextContentBlock>(Assert.Single(division.Content)).Text);
        Assert.Equal(1, cognito.Requests.Token);
        Assert.Contains($"Tool add called by client {LocalCognitoDevelopmentPool.M2MClientId}", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_native_binary_refuses_a_request_without_a_token_with_the_JIT_builds_bearer_challenge()
    {
        var (cognito, server) = await StartAsync(await publish.GetAsync());
        await using var _ = cognito;
        await using var __ = server;
        await using var jit = await StartJitAsync(cognito);

        var (nativeStatus, nativeChallenge) = await SendAsync(server.McpUrl, token: null);
        var (jitStatus, jitChallenge) = await SendAsync(jit.McpUrl, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, nativeStatus);
        Assert.Equal(jitStatus, nativeStatus);
        Assert.Equal(jitChallenge, nativeChallenge);
        Snapshot.Match(nativeChallenge);
    }

    [Theory]
    [InlineData("expired", HttpStatusCode.Unauthorized, "invalid_token")]
    [InlineData("other_api_scope", HttpStatusCode.Forbidden, "insufficient_scope")]
    [InlineData("unknown_client", HttpStatusCode.Unauthorized, "invalid_token")]
    public async Task The_native_binary_refuses_a_bad_token_as_the_JIT_build_does(string name, HttpStatusCode status, string error)
    {
        var (cognito, server) = await StartAsync(await publish.GetAsync());
        await using var _ = cognito;
        await using var __ = server;
        await using var jit = await StartJitAsync(cognito);
        var pool = cognito.DevelopmentPool!;
        var token = name switch
        {
            "expired" => pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, [LocalCognitoDevelopmentPool.ReadScope], claims =>
            {
                claims["iat"] = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeSeconds();
                claims["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds();
            }),
            "other_api_scope" => pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, [LocalCognitoDevelopmentPool.OtherApiAdminScope]),
            _ => pool.IssueAccessToken("unknownclient000000000001", [LocalCognitoDevelopmentPool.ReadScope]),
        };

        var (nativeStatus, nativeChallenge) = await SendAsync(server.McpUrl, token);
        var (jitStatus, jitChallenge) = await SendAsync(jit.McpUrl, token);

        Assert.Equal(status, nativeStatus);
        Assert.Equal(jitStatus, nativeStatus);
        Assert.Equal(jitChallenge, nativeChallenge);
        Assert.Contains($"error=\"{error}\"", nativeChallenge, StringComparison.Ordinal);
        Snapshot.Match(nativeChallenge, SnapshotNameExtension.Create(name));
    }

    [Fact]
    public async Task The_native_binary_serves_the_JIT_builds_protected_resource_metadata_and_its_health()
    {
        var (cognito, server) = await StartAsync(await publish.GetAsync());
        await using var _ = cognito;
        await using var __ = server;
        await using var jit = await StartJitAsync(cognito);
        using var http = new HttpClient();
        const string MetadataPath = "/.well-known/oauth-protected-resource/mcp";

        var metadata = await http.GetStringAsync(server.BaseAddress + MetadataPath, Cancellation);
        var jitMetadata = await http.GetStringAsync(jit.BaseAddress + MetadataPath, Cancellation);
        var health = await http.GetStringAsync(server.BaseAddress + "/health", Cancellation);
        var jitHealth = await http.GetStringAsync(jit.BaseAddress + "/health", Cancellation);

        Assert.Equal(jitMetadata, metadata);
        Snapshot.Match(metadata.Replace(cognito.DevelopmentPool!.Issuer, "{issuer}", StringComparison.Ordinal));
        Assert.Equal("""{"status":"healthy"}""", health);
        Assert.Equal(jitHealth, health);
    }

    [Fact]
    public async Task The_native_binary_serves_the_authorization_bridge_as_the_JIT_build_does()
    {
        var (cognito, server) = await StartAsync(await publish.GetAsync());
        await using var _ = cognito;
        await using var __ = server;
        await using var jit = await StartJitAsync(cognito);
        using var http = new HttpClient();
        const string MetadataPath = "/.well-known/oauth-authorization-server";

        var metadata = await http.GetStringAsync(server.BaseAddress + MetadataPath, Cancellation);
        Assert.Equal(await http.GetStringAsync(jit.BaseAddress + MetadataPath, Cancellation), metadata);
        Assert.Contains("\"code_challenge_methods_supported\": [\n    \"S256\"\n  ]", metadata, StringComparison.Ordinal);

        // Registration writes to the store (Data Protection, source-generated JSON) and answers from the binary.
        using var registered = await http.PostAsync(
            server.BaseAddress + "/oauth/register",
            new StringContent("""{"redirect_uris":["http://127.0.0.1:33418/"],"client_name":"aot"}""", System.Text.Encoding.UTF8, "application/json"),
            Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.Created, registered.StatusCode);
        var clientId = System.Text.Json.JsonDocument.Parse(await registered.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("client_id").GetString();
        using var consent = await http.GetAsync(
            $"{server.BaseAddress}/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri=http%3A%2F%2F127.0.0.1%3A33418%2F&state=s&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256",
            Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.OK, consent.StatusCode);
        Assert.Contains("Allow <span class=\"client\">aot</span> to use CalculatorApp?", await consent.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_native_binary_stops_at_start_up_with_every_configuration_error()
    {
        var binary = await publish.GetAsync();

        var result = await NativeCalculatorServer.RunAsync(binary, new Dictionary<string, string?>
        {
            ["Cognito__RequiredScopes__0"] = "openid",
            ["Cognito__MaxTokenLength"] = "10",
        });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith("CalculatorServer is not configured:\n  - ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\n  - Cognito:RequiredScopes contains \"openid\", a scope of the user pool itself", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("\n  - Cognito:MaxTokenLength 10 is outside 1024–262144.", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The same sample's JIT build (samples/CalculatorServer/bin, as the other sample tests run it), configured alike.</summary>
    private static async Task<JitCalculatorServer> StartJitAsync(LocalCognito cognito)
    {
        var process = SampleProcess.Start(
            "CalculatorServer",
            new Dictionary<string, string?> { ["Cognito__Issuer"] = cognito.DevelopmentPool!.Issuer },
            null,
            "--urls", "http://127.0.0.1:0", "--contentRoot", RepositoryPaths.SampleOutput("CalculatorServer"));
        try
        {
            return new JitCalculatorServer(process, await process.WaitForLineAsync(@"Now listening on: (http://127\.0\.0\.1:\d+)", Cancellation));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>POSTs tools/list, with the token as bearer if one is given; the status and the one WWW-Authenticate header.</summary>
    private static async Task<(HttpStatusCode Status, string Challenge)> SendAsync(string url, string? token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = ToolsList() };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, Cancellation);
        return (response.StatusCode, Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    private sealed record JitCalculatorServer(SampleProcess Process, string BaseAddress) : IAsyncDisposable
    {
        public string McpUrl => BaseAddress + "/mcp";

        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }

    private static StringContent ToolsList() =>
        new("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""", System.Text.Encoding.UTF8, "application/json");
}
