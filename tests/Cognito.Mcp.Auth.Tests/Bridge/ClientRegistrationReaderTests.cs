using System.Text;
using Cognito.Mcp.Auth.Bridge.Internal;

namespace Cognito.Mcp.Auth.Tests.Bridge;

public sealed class ClientRegistrationReaderTests
{
    [Fact]
    public void VS_Code_like_request_registers_a_native_public_client()
    {
        var result = Read("""
            {"client_name":"Visual Studio Code","redirect_uris":["https://insiders.vscode.dev/redirect","https://vscode.dev/redirect","http://127.0.0.1/","http://127.0.0.1:33418/"],
             "grant_types":["authorization_code","refresh_token"],"response_types":["code"],"token_endpoint_auth_method":"none"}
            """);

        Assert.True(result.Succeeded);
        var registration = result.Registration;
        Assert.Equal("Visual Studio Code", registration.ClientName);
        Assert.Equal(["https://insiders.vscode.dev/redirect", "https://vscode.dev/redirect", "http://127.0.0.1/", "http://127.0.0.1:33418/"], registration.RedirectUris);
        Assert.Equal("native", registration.ApplicationType);
        Assert.True(registration.ApplicationTypeInferred);
        Assert.Equal(["authorization_code", "refresh_token"], registration.GrantTypes);
        Assert.Equal(["code"], registration.ResponseTypes);
        Assert.Equal("none", registration.TokenEndpointAuthMethod);
        Assert.False(registration.AuthMethodReplaced);
        Assert.Equal(new BridgeClient("c1", "Visual Studio Code", registration.RedirectUris, "native", false), registration.ToClient("c1"));
    }

    [Theory]
    [InlineData("client_secret_post")]
    [InlineData("client_secret_basic")]
    public void Csharp_SDK_like_request_for_a_client_secret_is_registered_as_public_client(string method)
    {
        var result = Read($$"""
            {"redirect_uris":["http://localhost:50123/callback"],"grant_types":["authorization_code","refresh_token"],"response_types":["code"],
             "token_endpoint_auth_method":"{{method}}","client_name":"ProtectedMcpClient","client_uri":null,"scope":"mcp/tools"}
            """);

        Assert.True(result.Succeeded);
        Assert.Equal("none", result.Registration.TokenEndpointAuthMethod);
        Assert.True(result.Registration.AuthMethodReplaced);
        Assert.Equal("native", result.Registration.ApplicationType);
    }

    [Fact]
    public void Minimal_https_request_gets_defaults_and_is_a_web_client()
    {
        var result = Read("""{"redirect_uris":["https://claude.ai/api/mcp/auth_callback","https://claude.ai/api/mcp/auth_callback"],"logo_uri":"https://evil.example/x.png","unknown":{"a":[1]}}""");

        Assert.True(result.Succeeded);
        Assert.Null(result.Registration.ClientName);
        Assert.Equal(["https://claude.ai/api/mcp/auth_callback"], result.Registration.RedirectUris);
        Assert.Equal("web", result.Registration.ApplicationType);
        Assert.Equal(["authorization_code", "refresh_token"], result.Registration.GrantTypes);
        Assert.Equal(["code"], result.Registration.ResponseTypes);
        Assert.Equal("none", result.Registration.TokenEndpointAuthMethod);
    }

    [Fact]
    public void Explicit_native_type_with_a_private_use_scheme_is_accepted()
    {
        var result = Read("""{"application_type":"native","redirect_uris":["cursor://anysphere.cursor-retrieval/oauth/callback"],"grant_types":["authorization_code"]}""");

        Assert.True(result.Succeeded);
        Assert.False(result.Registration.ApplicationTypeInferred);
        Assert.Equal(["authorization_code"], result.Registration.GrantTypes);
    }

    [Fact]
    public void Oversized_body_is_refused()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"redirect_uris":["https://claude.ai/cb"],"pad":"{{new string('x', ClientRegistrationReader.MaxBodyBytes)}}"}""");

        AssertError(ClientRegistrationReader.Read(body), "invalid_client_metadata", "The registration request is larger than 16 KiB.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"]")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"]} {}")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],}")]
    [InlineData("{/*c*/\"redirect_uris\":[\"https://claude.ai/cb\"]}")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"redirect_uris\":[\"https://evil.example/cb\"]}")]
    public void Body_that_is_not_one_JSON_object_is_refused(string body) =>
        AssertError(Read(body), "invalid_client_metadata", "The registration request must be a JSON object (RFC 7591 §3.1).");

    [Theory]
    [InlineData("{}", "redirect_uris is required: list the client's redirect URIs.")]
    [InlineData("{\"redirect_uris\":null}", "redirect_uris is required: list the client's redirect URIs.")]
    [InlineData("{\"redirect_uris\":\"https://claude.ai/cb\"}", "redirect_uris must be an array of 1 to 10 strings.")]
    [InlineData("{\"redirect_uris\":[]}", "redirect_uris must be an array of 1 to 10 strings.")]
    [InlineData("{\"redirect_uris\":[1]}", "redirect_uris must be an array of 1 to 10 strings.")]
    [InlineData("{\"redirect_uris\":[null]}", "redirect_uris must be an array of 1 to 10 strings.")]
    [InlineData("{\"redirect_uris\":[\"\\uD800\"]}", "redirect_uris must be an array of 1 to 10 strings.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"client_name\":7}", "client_name must be a string.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"client_name\":\"Claude\\u0000\"}", "client_name must not contain control or formatting characters.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"client_name\":\"Claude\\u202Eedoc\"}", "client_name must not contain control or formatting characters.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"grant_types\":\"authorization_code\"}", "grant_types must be a non-empty array of these values: authorization_code, refresh_token.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"grant_types\":[]}", "grant_types must be a non-empty array of these values: authorization_code, refresh_token.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"grant_types\":[\"client_credentials\"]}", "grant_types must be a non-empty array of these values: authorization_code, refresh_token.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"grant_types\":[\"refresh_token\"]}", "grant_types must include authorization_code: it is the only way the bridge issues tokens.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"response_types\":[\"token\"]}", "response_types must be a non-empty array of these values: code.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}", "token_endpoint_auth_method must be \"none\": the bridge registers public clients, which use PKCE instead of a secret.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"token_endpoint_auth_method\":1}", "token_endpoint_auth_method must be \"none\": the bridge registers public clients, which use PKCE instead of a secret.")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"application_type\":\"desktop\"}", "application_type must be \"native\" or \"web\".")]
    [InlineData("{\"redirect_uris\":[\"https://claude.ai/cb\"],\"application_type\":[\"web\"]}", "application_type must be \"native\" or \"web\".")]
    public void Member_of_the_wrong_type_or_value_is_refused_with_invalid_client_metadata(string body, string description) =>
        AssertError(Read(body), "invalid_client_metadata", description);

    [Fact]
    public void Overlong_client_name_is_refused() =>
        AssertError(
            Read($$"""{"redirect_uris":["https://claude.ai/cb"],"client_name":"{{new string('n', 201)}}"}"""),
            "invalid_client_metadata",
            "client_name must be at most 200 characters.");

    [Fact]
    public void More_than_ten_redirect_uris_are_refused()
    {
        var uris = string.Join(",", Enumerable.Range(1, 11).Select(i => $"\"http://127.0.0.1/{i}\""));

        AssertError(Read($$"""{"redirect_uris":[{{uris}}]}"""), "invalid_client_metadata", "redirect_uris must be an array of 1 to 10 strings.");
    }

    [Fact]
    public void Overlong_redirect_uri_is_refused() =>
        AssertError(
            Read($$"""{"redirect_uris":["https://claude.ai/{{new string('a', 2000)}}"]}"""),
            "invalid_redirect_uri",
            "A redirect URI is longer than 2000 characters.");

    [Fact]
    public void Web_application_type_with_a_loopback_redirect_is_refused() =>
        AssertError(
            Read("""{"application_type":"web","redirect_uris":["https://vscode.dev/redirect","http://127.0.0.1:33418/"]}"""),
            "invalid_redirect_uri",
            "A web client's redirect URIs must use https; http on a loopback host is only for native clients (application_type \"native\", RFC 8252 §7.3).");

    [Fact]
    public void Inferred_native_type_still_refuses_a_dangerous_redirect() =>
        AssertError(
            Read("""{"redirect_uris":["http://127.0.0.1:33418/","javascript:alert(1)"]}"""),
            "invalid_redirect_uri",
            "The scheme javascript: is never allowed in a redirect URI.");

    [Fact]
    public void Non_loopback_http_redirect_is_refused() =>
        AssertError(
            Read("""{"redirect_uris":["http://evil.example/cb"]}"""),
            "invalid_redirect_uri",
            "An http redirect URI must use a loopback host, 127.0.0.1, [::1] or localhost (RFC 8252 §7.3); use https for any other host.");

    private static ClientRegistrationResult Read(string json) => ClientRegistrationReader.Read(Encoding.UTF8.GetBytes(json));

    private static void AssertError(ClientRegistrationResult result, string error, string description)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(new BridgeError(error, description), result.Error);
    }
}
