using System.Net;
using Cognito.Mcp.Auth.Tests.Framework;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Snapshooter.Xunit3;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>The C# SDK's own MCP client against the protected server.</summary>
public sealed class McpClientTests(ProtectedServerFixture fixture) : IClassFixture<ProtectedServerFixture>
{
    private async Task<McpClient> ConnectAsync(string token)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = fixture.Server.McpEndpoint,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        });
        return await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Read_scope_lists_only_the_tools_it_may_call()
    {
        await using var client = await ConnectAsync(fixture.ValidToken("my-api/read"));

        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["echo", "whoami"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Write_scope_sees_the_write_tool_too()
    {
        await using var client = await ConnectAsync(fixture.ValidToken("my-api/read", "my-api/write"));

        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["echo", "reset", "whoami"], tools.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Tool_receives_the_caller_as_a_claims_principal()
    {
        await using var client = await ConnectAsync(fixture.ValidToken("my-api/read", "my-api/write"));

        var result = await client.CallToolAsync("whoami", cancellationToken: TestContext.Current.CancellationToken);

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        // M2M tokens have no username: the name is sub, which Cognito sets to the client id.
        Assert.Equal($"{fixture.ClientId}|{fixture.ClientId}|my-api/read my-api/write|", text);
    }

    [Fact]
    public async Task User_token_names_the_user_and_maps_groups_to_roles()
    {
        var token = fixture.Pool.IssueAccessToken(fixture.ClientId, ["openid", "my-api/read"], claims =>
        {
            claims["sub"] = "0f6c1a2b-user";
            claims["username"] = "demo";
            claims["cognito:groups"] = new[] { "admins", "staff" };
        });
        await using var client = await ConnectAsync(token);

        var result = await client.CallToolAsync("whoami", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal($"demo|{fixture.ClientId}|openid my-api/read|admins staff", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Calling_a_tool_without_its_scope_is_http_403_naming_the_scope()
    {
        using var request = McpTestServer.McpPost(fixture.ValidToken("my-api/read"), "tools/call", "reset");

        using var response = await fixture.Server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Snapshot.Match(Assert.Single(response.Headers.WwwAuthenticate).ToString());
    }

    [Fact]
    public async Task Calling_a_tool_without_its_scope_fails_in_the_sdk_client_with_403()
    {
        await using var client = await ConnectAsync(fixture.ValidToken("my-api/read"));

        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
            await client.CallToolAsync("reset", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("403", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calling_a_tool_with_its_scope_succeeds()
    {
        await using var client = await ConnectAsync(fixture.ValidToken("my-api/read", "my-api/write"));

        var result = await client.CallToolAsync("reset", cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal("reset done", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Client_without_token_cannot_connect()
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = fixture.Server.McpEndpoint });

        var error = await Assert.ThrowsAsync<HttpRequestException>(async () =>
            await McpClient.CreateAsync(transport, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }
}
