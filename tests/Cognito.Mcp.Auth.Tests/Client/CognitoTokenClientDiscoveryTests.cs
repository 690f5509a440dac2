using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Client.Internal;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Tests.Client;

/// <summary>
/// Discovery from an MCP server: the legitimate chain works, and no chain a hostile MCP server can serve makes the
/// client send its secret anywhere but Cognito.
/// </summary>
public sealed class CognitoTokenClientDiscoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_token_endpoint_is_discovered_from_the_MCP_servers_metadata_and_kept()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var resource = await TokenClientProtectedResource.StartAsync(cognito.DevelopmentPool!.Issuer);
        await using var host = TokenClientTestHost.Create(DiscoverySettings(resource.McpUrl, ("ExpectedIssuer", cognito.DevelopmentPool.Issuer)));

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);
        var renewed = await host.Client.RenewTokenAsync(cancellationToken: Ct);

        Assert.NotEqual(token.Value, renewed.Value);
        Assert.Equal(2, cognito.Requests.Token);
        Assert.Equal(1, cognito.Requests.Discovery);
        var discovered = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 4112);
        Assert.Equal(cognito.DevelopmentPool.TokenEndpoint.AbsoluteUri, discovered.GetStructuredStateValue("TokenEndpoint"));
    }

    [Fact]
    public async Task The_client_asks_for_its_own_scopes_never_the_ones_the_MCP_server_challenges_with()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        // The server asks for my-api/write, which the M2M client holds: a hostile server could ask for another API's scope
        // this way and receive that token.
        await using var server = await HostileChain.StartAsync(challengeScope: "my-api/write", authorizationServer: cognito.DevelopmentPool!.Issuer);
        await using var host = TokenClientTestHost.Create(DiscoverySettings(server.McpUrl, ("ExpectedIssuer", cognito.DevelopmentPool.Issuer)));

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(LocalCognitoDevelopmentPool.ReadScope, token.Scope);
    }

    [Fact]
    public async Task A_trust_setting_changed_at_run_time_discovers_again_instead_of_reusing_the_endpoint_trusted_before()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var resource = await TokenClientProtectedResource.StartAsync(cognito.DevelopmentPool!.Issuer);
        await using var host = TokenClientTestHost.Create(DiscoverySettings(resource.McpUrl, ("AllowedTokenEndpointHosts:0", "127.0.0.1")));
        await host.Client.GetTokenAsync(cancellationToken: Ct);

        host.ChangeSetting("Cognito:AllowedTokenEndpointHosts:0", "auth.example.com");
        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.RenewTokenAsync(cancellationToken: Ct));

        Assert.Contains("is not a Cognito domain", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, cognito.Requests.Token);
    }

    [Fact]
    public async Task A_token_endpoint_host_in_the_allow_list_is_trusted()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var resource = await TokenClientProtectedResource.StartAsync(cognito.DevelopmentPool!.Issuer);
        await using var host = TokenClientTestHost.Create(DiscoverySettings(resource.McpUrl, ("AllowedTokenEndpointHosts:0", "127.0.0.1")));

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(LocalCognitoDevelopmentPool.ReadScope, token.Scope);
        Assert.Equal(1, cognito.Requests.Token);
    }

    public static TheoryData<string> ClientAuthentications => [nameof(CognitoClientAuthentication.ClientSecretBasic), nameof(CognitoClientAuthentication.ClientSecretPost)];

    [Theory]
    [MemberData(nameof(ClientAuthentications))]
    public async Task A_hostile_MCP_server_that_names_itself_as_authorization_server_never_receives_the_secret(string authentication)
    {
        await using var hostile = await HostileChain.StartAsync();
        await using var host = TokenClientTestHost.Create(DiscoverySettings(hostile.McpUrl, ("ClientAuthentication", authentication)));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.StartsWith("Refused the token endpoint discovered from the MCP server", failure.Message, StringComparison.Ordinal);
        Assert.Contains("is not a Cognito domain", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Cognito:AllowedTokenEndpointHosts", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Cognito:UserPoolId", failure.Message, StringComparison.Ordinal);
        hostile.AssertNoSecretReceived();
    }

    [Fact]
    public async Task With_an_expected_issuer_a_hostile_MCP_server_naming_another_authorization_server_is_refused()
    {
        await using var hostile = await HostileChain.StartAsync();
        await using var host = TokenClientTestHost.Create(DiscoverySettings(
            hostile.McpUrl, ("UserPoolId", "us-east-1_AbCdEf123"), ("AllowedTokenEndpointHosts:0", "127.0.0.1")));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains("not the expected issuer https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123", failure.Message, StringComparison.Ordinal);
        hostile.AssertNoSecretReceived();
    }

    [Fact]
    public async Task Resource_metadata_on_another_origin_is_not_followed()
    {
        await using var elsewhere = await HostileChain.StartAsync();
        await using var hostile = await HostileChain.StartAsync(resourceMetadata: elsewhere.Server.Url("/.well-known/oauth-protected-resource/mcp"), serveOwnMetadata: false);
        await using var host = TokenClientTestHost.Create(DiscoverySettings(hostile.McpUrl, ("AllowedTokenEndpointHosts:0", "127.0.0.1")));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains("resource metadata at another origin", failure.Message, StringComparison.Ordinal);
        Assert.Empty(elsewhere.Server.Requests);
        hostile.AssertNoSecretReceived();
    }

    [Fact]
    public async Task Resource_metadata_describing_another_resource_is_refused()
    {
        await using var hostile = await HostileChain.StartAsync(resource: "https://mcp.example.com/mcp");
        await using var host = TokenClientTestHost.Create(DiscoverySettings(hostile.McpUrl, ("AllowedTokenEndpointHosts:0", "127.0.0.1")));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains("describes the resource 'https://mcp.example.com/mcp'", failure.Message, StringComparison.Ordinal);
        hostile.AssertNoSecretReceived();
    }

    public static TheoryData<string, string> OddMetadata => new()
    {
        { "protected-resource", """{"resource":"{mcp}","authorization_servers":[5]}""" },
        { "protected-resource", """{"resource":"{mcp}","authorization_servers":"{base}"}""" },
        { "protected-resource", """[1,2,3]""" },
        { "protected-resource", "not json" },
        { "protected-resource", "{\"resource\":\"{mcp}\",\"pad\":\"" + new string('x', 70_000) + "\",\"authorization_servers\":[\"{base}\"]}" },
        { "authorization-server", """{"issuer":5,"token_endpoint":"{base}/oauth2/token"}""" },
        { "authorization-server", """{"issuer":"{base}","token_endpoint":{"url":"x"}}""" },
        { "authorization-server", """{"issuer":"{base}","token_endpoint":"ftp://127.0.0.1/token"}""" },
    };

    [Theory]
    [MemberData(nameof(OddMetadata))]
    public async Task Odd_metadata_is_answered_with_a_CognitoTokenException(string document, string json)
    {
        await using var hostile = await HostileChain.StartAsync(
            protectedResourceJson: document == "protected-resource" ? json : null,
            authorizationServerJson: document == "authorization-server" ? json : null);
        await using var host = TokenClientTestHost.Create(DiscoverySettings(hostile.McpUrl, ("AllowedTokenEndpointHosts:0", "127.0.0.1")));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains(hostile.McpUrl.AbsoluteUri, failure.Message, StringComparison.Ordinal);
        hostile.AssertNoSecretReceived();
    }

    [Fact]
    public async Task An_unreachable_MCP_server_is_a_CognitoTokenException()
    {
        var closed = await HostileChain.StartAsync();
        var url = closed.McpUrl;
        await closed.DisposeAsync();
        var settings = DiscoverySettings(url, ("AllowedTokenEndpointHosts:0", "127.0.0.1"));
        settings["Cognito:MaxRetryAttempts"] = "0";
        await using var host = TokenClientTestHost.Create(settings);

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains("a metadata request failed", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://my-pool.auth.us-east-1.amazoncognito.com/oauth2/token", true)]
    [InlineData("https://my-pool.auth-fips.us-gov-west-1.amazoncognito.com/oauth2/token", true)]
    [InlineData("https://MY-POOL.AUTH.EU-WEST-1.AMAZONCOGNITO.COM/oauth2/token", true)]
    [InlineData("http://my-pool.auth.us-east-1.amazoncognito.com/oauth2/token", false)]
    [InlineData("https://my-pool.auth.us-east-1.amazoncognito.com:8443/oauth2/token", false)]
    [InlineData("https://my-pool.auth.us-east-1.amazoncognito.com.evil.example/oauth2/token", false)]
    [InlineData("https://evil.example/my-pool.auth.us-east-1.amazoncognito.com/oauth2/token", false)]
    [InlineData("https://auth.us-east-1.amazoncognito.com/oauth2/token", false)]
    [InlineData("https://my-pool.auth.us-east-1.amazoncognito.com/oauth2/authorize", false)]
    [InlineData("https://my-pool.auth.us-east-1.amazoncognito.com/oauth2/token?redirect=x", false)]
    [InlineData("https://a.b.auth.us-east-1.amazoncognito.com/oauth2/token", false)]
    [InlineData("https://auth.example.com/oauth2/token", true)]
    [InlineData("https://login.example.org/oauth2/token", true)]
    [InlineData("https://example.org/oauth2/token", false)]
    [InlineData("https://auth.example.com.evil.example/oauth2/token", false)]
    [InlineData("http://127.0.0.1:9229/oauth2/token", false)]
    [InlineData("https://auth.example.com:8443/oauth2/token", false)]
    [InlineData("http://auth.example.com/oauth2/token", false)]
    public void Only_Cognito_domains_and_allowed_hosts_are_trusted_token_endpoints(string endpoint, bool trusted)
    {
        var options = new CognitoTokenClientOptions();
        options.AllowedTokenEndpointHosts.Add("auth.example.com");
        options.AllowedTokenEndpointHosts.Add("*.example.org");

        Assert.Equal(trusted, TrustedTokenEndpoints.IsTrusted(new Uri(endpoint), options));
    }

    private static Dictionary<string, string?> DiscoverySettings(Uri mcpUrl, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cognito:McpServerUrl"] = mcpUrl.AbsoluteUri,
            ["Cognito:ClientId"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:ClientSecret"] = LocalCognitoDevelopmentPool.M2MClientSecret,
            ["Cognito:RetryDelay"] = "00:00:00",
            ["Cognito:Scopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
        };
        foreach (var (key, value) in extra)
        {
            settings["Cognito:" + key] = value;
        }

        return settings;
    }

    /// <summary>
    /// An MCP server that serves the whole discovery chain itself: a 401 challenge, protected resource metadata naming
    /// itself (or <c>authorizationServer</c>) as the authorization server, RFC 8414 metadata, and a token endpoint
    /// that would accept anything. Each document can be replaced to test odd input.
    /// </summary>
    private sealed class HostileChain : IAsyncDisposable
    {
        private HostileChain(LoopbackServer server) => Server = server;

        public LoopbackServer Server { get; }

        public Uri McpUrl => Server.Url("/mcp");

        public static async Task<HostileChain> StartAsync(
            string? resource = null,
            Uri? resourceMetadata = null,
            bool serveOwnMetadata = true,
            string? challengeScope = "my-api/read",
            string? authorizationServer = null,
            string? protectedResourceJson = null,
            string? authorizationServerJson = null)
        {
            var server = await LoopbackServer.StartAsync((self, context) =>
            {
                var baseUrl = self.BaseUrl.AbsoluteUri.TrimEnd('/');
                string Fill(string json) => json.Replace("{mcp}", baseUrl + "/mcp", StringComparison.Ordinal).Replace("{base}", baseUrl, StringComparison.Ordinal);
                switch (context.Request.Path.Value)
                {
                    case "/mcp":
                        var metadata = resourceMetadata?.AbsoluteUri ?? baseUrl + "/.well-known/oauth-protected-resource/mcp";
                        context.Response.Headers.WWWAuthenticate = challengeScope is null
                            ? $"Bearer resource_metadata=\"{metadata}\""
                            : $"Bearer resource_metadata=\"{metadata}\", scope=\"{challengeScope}\"";
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        return Task.CompletedTask;
                    case "/.well-known/oauth-protected-resource/mcp" when serveOwnMetadata:
                        return LoopbackServer.JsonAsync(context, Fill(protectedResourceJson ?? System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
                        {
                            ["resource"] = resource ?? baseUrl + "/mcp",
                            ["authorization_servers"] = new[] { authorizationServer ?? baseUrl },
                        })));
                    case "/.well-known/oauth-authorization-server":
                        return LoopbackServer.JsonAsync(context, Fill(authorizationServerJson ?? """{"issuer":"{base}","token_endpoint":"{base}/oauth2/token"}"""));
                    case "/oauth2/token":
                        return LoopbackServer.JsonAsync(context, """{"access_token":"stolen","expires_in":3600,"token_type":"Bearer"}""");
                    default:
                        context.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                }
            });
            return new HostileChain(server);
        }

        public void AssertNoSecretReceived()
        {
            Assert.DoesNotContain(Server.Requests, r => r.PathAndQuery.StartsWith("/oauth2/token", StringComparison.Ordinal));
            Assert.DoesNotContain(Server.Requests, r => r.Headers.ContainsKey("Authorization"));
            Assert.DoesNotContain(Server.Requests, r => r.Body.Contains("client_secret", StringComparison.Ordinal)
                || r.Body.Contains(LocalCognitoDevelopmentPool.M2MClientSecret, StringComparison.Ordinal));
        }

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }
}
