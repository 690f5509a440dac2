using System.Net;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.Extensions.DependencyInjection;
using Snapshooter;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Tests.Server;

public sealed class ProtectedResourceMetadataTests(ProtectedServerFixture fixture) : IClassFixture<ProtectedServerFixture>
{
    [Theory]
    [InlineData("/.well-known/oauth-protected-resource/mcp", "path_suffixed")]
    [InlineData("/.well-known/oauth-protected-resource", "root")]
    public async Task Metadata_document_is_served_anonymously(string path, string snapshotName)
    {
        using var response = await fixture.Server.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // The issuer carries LocalCognito's random port; everything else is fixed.
        Snapshot.Match(body.Replace(fixture.Pool.Issuer, "{issuer}", StringComparison.Ordinal), SnapshotNameExtension.Create(snapshotName));
    }

    [Fact]
    public async Task Metadata_names_the_pool_issuer_as_the_authorization_server()
    {
        using var response = await fixture.Server.Http.GetAsync("/.well-known/oauth-protected-resource/mcp", TestContext.Current.CancellationToken);
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(fixture.Pool.Issuer, document.RootElement.GetProperty("authorization_servers")[0].GetString());
        Assert.Equal(McpTestServer.Resource, document.RootElement.GetProperty("resource").GetString());
    }

    [Fact]
    public async Task Challenge_points_at_the_path_suffixed_metadata_url()
    {
        using var response = await fixture.Server.Http.SendAsync(McpTestServer.McpPost(bearer: null), TestContext.Current.CancellationToken);

        Assert.Equal(
            "Bearer resource_metadata=\"https://mcp.example.test/.well-known/oauth-protected-resource/mcp\", scope=\"my-api/read\"",
            Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Metadata_answers_head_without_a_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/.well-known/oauth-protected-resource/mcp");
        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_application_can_complete_the_metadata_document()
    {
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(fixture.Pool, fixture.ClientId),
            services => services.Configure<CognitoMcpAuthOptions>(o => o.ConfigureMetadata = metadata =>
            {
                metadata.ResourceDocumentation = "https://mcp.example.test/docs";
                metadata.ScopesSupported.Add("my-api/write");
            }));

        using var response = await server.Http.GetAsync("/.well-known/oauth-protected-resource/mcp", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Snapshot.Match(body.Replace(fixture.Pool.Issuer, "{issuer}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_callback_that_changes_the_resource_stops_start_up()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(fixture.Pool, fixture.ClientId),
            services => services.Configure<CognitoMcpAuthOptions>(o => o.ConfigureMetadata = metadata => metadata.Resource = "https://elsewhere.example.test/mcp")));

        Assert.Contains("It must stay Cognito:Resource ('https://mcp.example.test/mcp')", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoint_stays_anonymous()
    {
        using var response = await fixture.Server.Http.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
