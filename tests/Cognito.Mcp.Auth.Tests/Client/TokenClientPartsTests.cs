using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Client.Internal;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class TokenClientPartsTests
{
    [Fact]
    public void An_access_token_never_shows_its_value_in_ToString()
    {
        var token = new CognitoAccessToken("eyJhbGciOiJSUzI1NiJ9.secret-part.signature", DateTimeOffset.UnixEpoch, "my-api/read");

        Assert.DoesNotContain("secret-part", token.ToString(), StringComparison.Ordinal);
        Assert.Contains("my-api/read", token.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Scopes_are_deduplicated_sorted_and_default_when_none_are_asked()
    {
        Assert.Equal("a/read b/write", TokenScopes.Normalize(["b/write", "a/read b/write"], []));
        Assert.Equal("x/y", TokenScopes.Normalize(null, ["x/y"]));
        Assert.Equal("x/y", TokenScopes.Normalize([" "], ["x/y"]));
        Assert.Equal(string.Empty, TokenScopes.Normalize(null, []));
    }

    [Fact]
    public void Bearer_challenge_parameters_are_read_with_quotes_and_escapes()
    {
        var parameters = BearerChallenge.Parse("error=\"invalid_token\", error_description=\"a \\\"b\\\", c\",resource_metadata=\"https://x/.well-known/oauth-protected-resource/mcp\", scope=a");

        Assert.Equal("invalid_token", parameters["error"]);
        Assert.Equal("a \"b\", c", parameters["error_description"]);
        Assert.Equal("https://x/.well-known/oauth-protected-resource/mcp", parameters["resource_metadata"]);
        Assert.Equal("a", parameters["scope"]);
    }

    [Fact]
    public void Authorization_server_metadata_is_tried_in_the_order_the_MCP_spec_gives()
    {
        var withPath = McpAuthorizationServerDiscovery.AuthorizationServerMetadataUrls(new Uri("https://idp.example.com/us-east-1_abc")).Select(u => u.AbsoluteUri);
        var withoutPath = McpAuthorizationServerDiscovery.AuthorizationServerMetadataUrls(new Uri("https://idp.example.com/")).Select(u => u.AbsoluteUri);

        Assert.Equal(
            [
                "https://idp.example.com/.well-known/oauth-authorization-server/us-east-1_abc",
                "https://idp.example.com/.well-known/openid-configuration/us-east-1_abc",
                "https://idp.example.com/us-east-1_abc/.well-known/openid-configuration",
            ],
            withPath);
        Assert.Equal(
            ["https://idp.example.com/.well-known/oauth-authorization-server", "https://idp.example.com/.well-known/openid-configuration"],
            withoutPath);
    }
}
