using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Tests.Client;

/// <summary>
/// What the token endpoint answers is read strictly and with a size limit; every odd answer is a
/// <see cref="CognitoTokenException"/>, and a redirect is never followed with the secret.
/// </summary>
public sealed class TokenEndpointResponseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> OddBodies => new()
    {
        { "[1,2]", "the body is not a JSON object" },
        { "not json", "the body is not JSON" },
        { """{"token_type":"Bearer"}""", "access_token is missing or not a string" },
        { """{"access_token":5}""", "access_token is missing or not a string" },
        { """{"access_token":["a"]}""", "access_token is missing or not a string" },
        { """{"access_token":""}""", "access_token is missing or not a string" },
        { """{"access_token":"a\ud800b"}""", "access_token is missing or not a string" }, // a lone surrogate: no .NET string
        { """{"access_token":"a","token_type":"\udc00"}""", "token_type is not Bearer" },
        { """{"access_token":"a","scope":"my-api/read\ud800"}""", "scope is not a string" },
        { """{"access_token":"a","token_type":"mac"}""", "token_type is not Bearer" },
        { """{"access_token":"a","token_type":5}""", "token_type is not Bearer" },
        { """{"access_token":"a","scope":["my-api/read"]}""", "scope is not a string" },
        { """{"access_token":"a","expires_in":1e300}""", "expires_in is not a number of seconds from 1 to 86400" },
        { """{"access_token":"a","expires_in":-5}""", "expires_in is not a number of seconds from 1 to 86400" },
        { """{"access_token":"a","expires_in":0}""", "expires_in is not a number of seconds from 1 to 86400" },
        { """{"access_token":"a","expires_in":86401}""", "expires_in is not a number of seconds from 1 to 86400" },
        { """{"access_token":"a","expires_in":"soon"}""", "expires_in is not a number of seconds from 1 to 86400" },
        { """{"access_token":"a","expires_in":{"s":1}}""", "expires_in is not a number of seconds from 1 to 86400" },
        { """{"access_token":"a","expires_in":true}""", "expires_in is not a number of seconds from 1 to 86400" },
        { "{\"access_token\":\"" + new string('a', 70_000) + "\"}", "the body is larger than 65536 bytes" },
    };

    [Theory]
    [MemberData(nameof(OddBodies))]
    public async Task An_odd_token_response_is_a_CognitoTokenException_that_says_what_is_wrong(string body, string problem)
    {
        await using var endpoint = await LoopbackServer.StartAsync((_, context) => LoopbackServer.JsonAsync(context, body));
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(
            endpoint.Url("/oauth2/token"), LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains($"sent an unusable response ({problem})", failure.Message, StringComparison.Ordinal);
        Assert.Single(endpoint.Requests);
    }

    [Theory]
    [InlineData("my-api/read", null, false)] // Cognito dropped my-api/write silently
    [InlineData("my-api/read my-api/write", null, true)]
    [InlineData("my-api/write my-api/read openid", null, true)]
    [InlineData("my-api/read my-api/write", "my-api/read", false)] // the response's scope is what was granted
    public async Task A_token_without_every_requested_scope_is_refused_and_not_cached(string tokenScope, string? responseScope, bool accepted)
    {
        var jwt = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode("""{"alg":"RS256","kid":"k"}""") + "."
            + Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode($$"""{"token_use":"access","scope":"{{tokenScope}}","exp":4102444800}""") + ".c2ln";
        var body = responseScope is null
            ? $$"""{"access_token":"{{jwt}}","expires_in":3600,"token_type":"Bearer"}"""
            : $$"""{"access_token":"{{jwt}}","expires_in":3600,"token_type":"Bearer","scope":"{{responseScope}}"}""";
        await using var endpoint = await LoopbackServer.StartAsync((_, context) => LoopbackServer.JsonAsync(context, body));
        var settings = TokenClientTestHost.DefaultSettings(endpoint.Url("/oauth2/token"), LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret);
        settings["Cognito:Scopes:1"] = LocalCognitoDevelopmentPool.WriteScope;
        await using var host = TokenClientTestHost.Create(settings);

        if (accepted)
        {
            Assert.Equal(jwt, (await host.Client.GetTokenAsync(cancellationToken: Ct)).Value);
            Assert.Equal(jwt, (await host.Client.GetTokenAsync(cancellationToken: Ct)).Value);
            Assert.Single(endpoint.Requests);
            return;
        }

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));
        await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Equal("invalid_scope", failure.Error);
        Assert.StartsWith("Cognito issued a token without the requested scope 'my-api/write' (granted: 'my-api/read')", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Cognito:Scopes", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, endpoint.Requests.Count); // never cached
    }

    [Fact]
    public async Task An_oversized_error_body_is_still_an_explained_refusal()
    {
        var body = "{\"error\":\"invalid_client\",\"pad\":\"" + new string('x', 100_000) + "\"}";
        await using var endpoint = await LoopbackServer.StartAsync((_, context) => LoopbackServer.JsonAsync(context, body, StatusCodes.Status400BadRequest));
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(
            endpoint.Url("/oauth2/token"), LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Null(failure.Error);
    }

    [Theory]
    [InlineData(StatusCodes.Status307TemporaryRedirect)]
    [InlineData(StatusCodes.Status308PermanentRedirect)]
    [InlineData(StatusCodes.Status302Found)]
    public async Task A_redirecting_token_endpoint_is_not_followed_so_the_secret_is_sent_once(int status)
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        await using var redirecting = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = cognito.DevelopmentPool!.TokenEndpoint.AbsoluteUri;
            return Task.CompletedTask;
        });
        await using var host = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(
            redirecting.Url("/oauth2/token"), LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret));

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => host.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains("answered with a redirect to " + cognito.DevelopmentPool!.TokenEndpoint.AbsoluteUri, failure.Message, StringComparison.Ordinal);
        Assert.Contains("Redirects are not followed", failure.Message, StringComparison.Ordinal);
        Assert.Single(redirecting.Requests);
        Assert.Equal(0, cognito.Requests.Token);
    }
}
