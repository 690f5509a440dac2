using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Tests.Bridge;

/// <summary>Configuration mistakes around the bridge stop start-up with a message that names the fix.</summary>
public sealed class BridgeStartupTests
{
    [Fact]
    public async Task A_bridge_that_is_registered_but_not_mapped_stops_start_up()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, Testing.LocalCognitoDevelopmentPool.M2MClientId);
        settings["Cognito:AuthorizationBridge:ClientId"] = "bridge";
        settings["Cognito:AuthorizationBridge:ClientSecret"] = "secret";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => McpTestServer.StartAsync(settings, services => services.AddCognitoAuthorizationBridge()));

        Assert.Contains("app.MapCognitoAuthorizationBridge()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_client_and_an_issuer_on_another_origin_are_named_at_start_up()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, Testing.LocalCognitoDevelopmentPool.M2MClientId);
        settings["Cognito:AuthorizationBridge:Issuer"] = "https://elsewhere.example";
        settings["Cognito:AuthorizationBridge:AuthorizationCodeLifetime"] = "00:30:00";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => McpTestServer.StartAsync(
            settings,
            services => services.AddCognitoAuthorizationBridge(),
            configureApp: app => app.MapCognitoAuthorizationBridge()));

        Assert.Contains(error.Failures, f => f.StartsWith("Cognito:AuthorizationBridge:ClientId is missing", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Cognito:AuthorizationBridge:ClientSecret is missing", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("is not on the MCP server's origin (https://mcp.example.test", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("at most 10 minutes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Offering_the_pools_own_or_another_apis_scopes_through_the_bridge_stops_start_up()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, Testing.LocalCognitoDevelopmentPool.M2MClientId);
        settings["Cognito:ScopesSupported:0"] = "my-api/read";
        settings["Cognito:ScopesSupported:1"] = "openid";
        settings["Cognito:ScopesSupported:2"] = "other-api/admin";
        settings["Cognito:AuthorizationBridge:ClientId"] = "bridge";
        settings["Cognito:AuthorizationBridge:ClientSecret"] = "secret";

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => McpTestServer.StartAsync(
            settings,
            services => services.AddCognitoAuthorizationBridge(),
            configureApp: app => app.MapCognitoAuthorizationBridge()));

        Assert.Contains(error.Failures, f => f.StartsWith("Cognito:ScopesSupported holds openid, other-api/admin: the authorization bridge offers", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Mapping_the_bridge_reads_no_settings_so_a_mistake_is_reported_by_start_up_validation()
    {
        await using var cognito = await TestCognito.StartAsync(TestContext.Current.CancellationToken);
        var settings = McpTestServer.DefaultSettings(cognito.DevelopmentPool!, Testing.LocalCognitoDevelopmentPool.M2MClientId);
        Exception? fromMap = null;

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => McpTestServer.StartAsync(
            settings,
            services => services.AddCognitoAuthorizationBridge(),
            configureApp: app =>
            {
                try
                {
                    app.MapCognitoAuthorizationBridge();
                }
                catch (Exception ex)
                {
                    fromMap = ex;
                }
            }));

        Assert.Null(fromMap);
        Assert.Contains(error.Failures, f => f.StartsWith("Cognito:AuthorizationBridge:ClientId is missing", StringComparison.Ordinal));
    }
}
