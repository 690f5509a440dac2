using System.Net;
using Cognito.Mcp.Auth.Client;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cognito.Mcp.Auth.Tests;

/// <summary>
/// The library against LocalCognito shaped like Cognito: the issuer and the OAuth domain on two https origins, with a
/// certificate the test creates and trusts explicitly, and the token endpoint silently dropping a disallowed scope.
/// Code that assumes one origin, or relaxes https, fails here.
/// </summary>
public sealed class SeparateHttpsOriginsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(LocalCognito Cognito, System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate)> StartCognitoAsync(
        DisallowedScopeBehavior scopes = DisallowedScopeBehavior.Refuse)
    {
        var certificate = LocalCognitoCertificates.CreateSelfSigned();
        var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(
            new LocalCognitoOptions { SeparateOrigins = true, Certificate = certificate, DisallowedClientCredentialsScopes = scopes }, Ct);
        return (cognito, certificate);
    }

    private static void TrustCertificate(IServiceCollection services, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        services.AddHttpClient(CognitoTokenClientDefaults.GetHttpClientName(string.Empty))
            .ConfigurePrimaryHttpMessageHandler(() => LocalCognitoCertificates.CreateHandler(certificate));

    [Fact]
    public async Task The_run_uses_the_LocalCognito_shape_it_was_asked_for()
    {
        await using var cognito = await TestCognito.StartAsync(Ct);
        var pool = cognito.DevelopmentPool!;

        // test.sh runs this project twice: once with one http origin, once with COGNITO_TESTS_SHAPE=separate-https.
        Assert.Equal(TestCognito.SeparateHttpsOrigins ? "https" : "http", new Uri(pool.Issuer).Scheme);
        Assert.Equal(TestCognito.SeparateHttpsOrigins, new Uri(pool.Issuer).Port != pool.TokenEndpoint.Port);
    }

    [Fact]
    public async Task The_M2M_story_works_with_the_issuer_and_the_domain_on_two_https_origins()
    {
        var (cognito, certificate) = await StartCognitoAsync();
        await using var _ = cognito;
        var pool = cognito.DevelopmentPool!;
        await using var server = await McpTestServer.StartAsync(
            McpTestServer.DefaultSettings(pool, LocalCognitoDevelopmentPool.M2MClientId),
            services => services.Configure<CognitoMcpAuthOptions>(o => o.BackchannelHttpHandler = LocalCognitoCertificates.CreateHandler(certificate)));
        await using var client = TokenClientTestHost.Create(TokenClientTestHost.DefaultSettings(cognito), configure: (services, configuration) =>
        {
            services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
            TrustCertificate(services, certificate);
        });

        var token = await client.Client.GetTokenAsync(cancellationToken: Ct);
        using var request = McpTestServer.McpPost(token.Value);
        using var response = await server.Http.SendAsync(request, Ct);

        Assert.StartsWith("https://", pool.Issuer, StringComparison.Ordinal);
        Assert.StartsWith("https://", pool.TokenEndpoint.AbsoluteUri, StringComparison.Ordinal);
        Assert.NotEqual(new Uri(pool.Issuer).Port, pool.TokenEndpoint.Port);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, cognito.Requests.Token);
    }

    [Fact]
    public async Task Discovery_follows_the_issuer_origin_to_a_token_endpoint_on_the_domain_origin()
    {
        var (cognito, certificate) = await StartCognitoAsync();
        await using var _ = cognito;
        var pool = cognito.DevelopmentPool!;
        await using var resource = await TokenClientProtectedResource.StartAsync(pool.Issuer);
        await using var client = TokenClientTestHost.Create(new Dictionary<string, string?>
        {
            ["Cognito:McpServerUrl"] = resource.McpUrl.AbsoluteUri,
            ["Cognito:ExpectedIssuer"] = pool.Issuer,
            ["Cognito:ClientId"] = LocalCognitoDevelopmentPool.M2MClientId,
            ["Cognito:ClientSecret"] = LocalCognitoDevelopmentPool.M2MClientSecret,
            ["Cognito:Scopes:0"] = LocalCognitoDevelopmentPool.ReadScope,
        }, configure: (services, configuration) =>
        {
            services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
            TrustCertificate(services, certificate);
        });

        var token = await client.Client.GetTokenAsync(cancellationToken: Ct);

        Assert.Equal(LocalCognitoDevelopmentPool.ReadScope, token.Scope);
        Assert.Equal(1, cognito.Requests.Token);
        var discovered = Assert.Single(client.Logs.GetSnapshot(), r => r.Id.Id == 4112);
        Assert.Equal(pool.TokenEndpoint.AbsoluteUri, discovered.GetStructuredStateValue("TokenEndpoint"));
    }

    [Fact]
    public async Task A_scope_Cognito_silently_drops_is_reported_instead_of_a_token_without_it()
    {
        var (cognito, certificate) = await StartCognitoAsync(DisallowedScopeBehavior.Drop);
        await using var _ = cognito;
        var settings = TokenClientTestHost.DefaultSettings(cognito.DevelopmentPool!.TokenEndpoint, LocalCognitoDevelopmentPool.OtherApiM2MClientId, LocalCognitoDevelopmentPool.OtherApiM2MClientSecret);
        settings["Cognito:Scopes:0"] = LocalCognitoDevelopmentPool.OtherApiAdminScope;
        settings["Cognito:Scopes:1"] = LocalCognitoDevelopmentPool.ReadScope; // known to the pool, not allowed to this client
        await using var client = TokenClientTestHost.Create(settings, configure: (services, configuration) =>
        {
            services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
            TrustCertificate(services, certificate);
        });

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => client.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Equal("invalid_scope", failure.Error);
        Assert.StartsWith($"Cognito issued a token without the requested scope '{LocalCognitoDevelopmentPool.ReadScope}' (granted: '{LocalCognitoDevelopmentPool.OtherApiAdminScope}')", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, cognito.Requests.Token); // Cognito answered 200: the client, not Cognito, refused the token
    }

    [Fact]
    public async Task Redirects_stay_off_with_a_primary_handler_the_application_configured()
    {
        var (cognito, certificate) = await StartCognitoAsync();
        await using var _ = cognito;
        await using var redirecting = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = cognito.DevelopmentPool!.TokenEndpoint.AbsoluteUri;
            return Task.CompletedTask;
        });
        await using var client = TokenClientTestHost.Create(
            TokenClientTestHost.DefaultSettings(redirecting.Url("/oauth2/token"), LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret),
            configure: (services, configuration) =>
            {
                services.AddCognitoTokenClient(configuration.GetSection("Cognito"));
                TrustCertificate(services, certificate); // a handler whose AllowAutoRedirect is true by default
            });

        var failure = await Assert.ThrowsAsync<CognitoTokenException>(() => client.Client.GetTokenAsync(cancellationToken: Ct));

        Assert.Contains("Redirects are not followed", failure.Message, StringComparison.Ordinal);
        Assert.Equal(0, cognito.Requests.Token);
    }
}
