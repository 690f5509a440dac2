using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class CognitoTokenClientDiscoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_token_endpoint_is_discovered_from_the_MCP_servers_metadata_and_kept()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Ct);
        await using var resource = await TokenClientProtectedResource.StartAsync(cognito.DevelopmentPool!.Issuer);
        await using var host = TokenClientTestHost.Create(new Dictionary<string, string?>
        {
            ["Cognito:McpServerUrl"] = resource.McpUrl.AbsoluteUri,
            ["Cognito:ClientId"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:ClientSecret"] = LocalCognitoDevelopmentPool.M2MClientSecret,
        });

        var token = await host.Client.GetTokenAsync(cancellationToken: Ct);
        var renewed = await host.Client.RenewTokenAsync(cancellationToken: Ct);

        Assert.NotEqual(token.Value, renewed.Value);
        Assert.Equal(2, cognito.Requests.Token);
        Assert.Equal(1, cognito.Requests.Discovery);
        var discovered = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 4112);
        Assert.Equal(cognito.DevelopmentPool.TokenEndpoint.AbsoluteUri, discovered.GetStructuredStateValue("TokenEndpoint"));
    }
}
