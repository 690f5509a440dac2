using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>LocalCognito with its development pool, and an MCP server that accepts the pool's M2M client.</summary>
public sealed class ProtectedServerFixture : IAsyncLifetime
{
    private McpTestServer? _server;
    private LocalCognito? _cognito;

    public LocalCognito Cognito => _cognito!;

    public LocalUserPool Pool => _cognito!.DevelopmentPool!;

    internal McpTestServer Server => _server!;

    /// <summary>The allowed M2M client.</summary>
    public string ClientId => LocalCognitoDevelopmentPool.M2MClientId;

    /// <summary>A client of the same pool that the server does not allow.</summary>
    public string OtherClientId { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        _cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        OtherClientId = AddNotAllowedClient(Pool);
        _server = await McpTestServer.StartAsync(McpTestServer.DefaultSettings(Pool, ClientId));
    }

    /// <summary>Adds an M2M client with read scope that servers built from <see cref="McpTestServer.DefaultSettings"/> do not allow.</summary>
    public static string AddNotAllowedClient(LocalUserPool pool) => pool.AddClient(new LocalAppClientSettings
    {
        Name = "not-allowed",
        GenerateSecret = true,
        AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
        AllowedOAuthScopes = ["my-api/read"],
        AllowedOAuthFlowsUserPoolClient = true,
    }).ClientId;

    public string ValidToken(params string[] scopes) =>
        Pool.IssueAccessToken(ClientId, scopes.Length == 0 ? ["my-api/read"] : scopes);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_cognito is not null)
        {
            await _cognito.DisposeAsync();
        }
    }
}
