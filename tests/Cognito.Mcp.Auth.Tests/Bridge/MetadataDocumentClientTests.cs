using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;
using System.Text.Json;
using Cognito.Mcp.Auth.Bridge.Internal;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Authentication;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Cognito.Mcp.Auth.Tests.Bridge;

/// <summary>
/// Clients identified by a Client ID Metadata Document: the C# SDK's <see cref="ClientOAuthOptions.ClientMetadataDocumentUri"/>
/// against the bridge, with the document served over real https on loopback (<see cref="HttpsDocumentServer"/>).
/// </summary>
public sealed class MetadataDocumentClientTests
{
    private const string DocumentPath = "/client.json";
    private const string ClientName = "C# SDK metadata document client";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csharp_sdk_client_with_a_metadata_document_signs_in_and_calls_a_tool_without_registering()
    {
        var redirectUri = new Uri($"http://127.0.0.1:{BridgeTestHost.FreePort()}/callback");
        await using var documents = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context, redirectUri)));
        await using var host = await BridgeTestHost.StartAsync(configureServices: TrustDocumentServer);
        using var browser = host.NewBrowser();
        var clientId = documents.Url(DocumentPath);
        string? consentPage = null;
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = host.Server.McpEndpoint,
            OAuth = new ClientOAuthOptions
            {
                RedirectUri = redirectUri,
                ClientMetadataDocumentUri = new Uri(clientId),
                AuthorizationCallbackHandler = async (context, cancellationToken) =>
                {
                    var query = QueryHelpers.ParseQuery(context.AuthorizationUri.Query);
                    Assert.Equal(clientId, query["client_id"]);
                    using (var page = await browser.GetAsync(context.AuthorizationUri.AbsoluteUri)) // a look at the consent page first
                    {
                        consentPage = await page.Content.ReadAsStringAsync(cancellationToken);
                    }

                    var back = await browser.SignInAsync(context.AuthorizationUri.AbsoluteUri);
                    Assert.Equal(redirectUri.GetLeftPart(UriPartial.Path), back.GetLeftPart(UriPartial.Path));
                    var answer = QueryHelpers.ParseQuery(back.Query);
                    Assert.Equal(host.Issuer, answer["iss"]);
                    return new AuthorizationResult { Code = answer["code"], State = answer["state"], Iss = answer["iss"] };
                },
            },
        });

        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Cancellation);
        var tools = await client.ListToolsAsync(cancellationToken: Cancellation);
        Assert.Equal(["echo", "whoami"], tools.Select(t => t.Name).Order(StringComparer.Ordinal)); // reset needs my-api/write
        var echo = await client.CallToolAsync("echo", new Dictionary<string, object?> { ["message"] = "10 + 20" }, cancellationToken: Cancellation);
        Assert.Equal("10 + 20", Assert.IsType<TextContentBlock>(Assert.Single(echo.Content)).Text);
        var whoami = await client.CallToolAsync("whoami", cancellationToken: Cancellation);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(whoami.Content)).Text;
        Assert.StartsWith($"{LocalCognitoDevelopmentPool.DemoUsername}|{BridgeTestHost.BridgeClientId}|my-api/read|", text, StringComparison.Ordinal);

        // The consent page names the document's client and where it came from; nothing was registered.
        Assert.NotNull(consentPage);
        Assert.Contains(ClientName, consentPage, StringComparison.Ordinal);
        Assert.Contains("Described by 127.0.0.1", consentPage, StringComparison.Ordinal);
        Assert.Equal(1, documents.Requests); // two authorize requests and the token request: fetched once, then cached
        var logs = host.Server.Logs.GetSnapshot();
        Assert.DoesNotContain(logs, r => r.Id.Id == 5050); // ClientRegistered
        Assert.Contains(logs, r => r.Id.Id == 5055 && r.Message == $"Issued an authorization code to client {clientId}.");
    }

    [Fact]
    public async Task A_metadata_document_on_a_loopback_address_in_production_gets_an_error_page_and_is_never_fetched()
    {
        var redirect = "http://127.0.0.1:33418/";
        await using var documents = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context, new Uri(redirect))));
        await using var host = await BridgeTestHost.StartAsync(
            configureServices: services =>
            {
                TrustDocumentServer(services);
                services.PostConfigureAll<CognitoMcpAuthOptions>(o => o.AllowLocalIssuer = true); // LocalCognito stands in for Cognito

                // The document server listens on a random port, which the default-port rule would refuse first; this
                // test is about the address check behind it.
                services.Replace(ServiceDescriptor.Singleton(new ClientMetadataDocumentOptions { RequireDefaultPort = false }));
            },
            environment: "Production");
        using var browser = host.NewBrowser();
        var (_, challenge) = SignInBrowser.NewPkce();

        using var response = await browser.GetAsync(browser.AuthorizeUrl(documents.Url(DocumentPath), redirect, challenge));

        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("This sign-in cannot continue", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Allow", html, StringComparison.Ordinal);
        Assert.Equal(0, documents.Requests);
        var refused = Assert.Single(host.Server.Logs.GetSnapshot(), r => r.Id.Id == 5002); // MetadataDocumentAddressRefused
        Assert.Equal("The client metadata document host 127.0.0.1 resolves to 127.0.0.1, a loopback address; nothing was fetched.", refused.Message);
    }

    /// <summary>The document's host serves a self-signed certificate: the fetcher trusts exactly that one, as a deployment would trust a real CA.</summary>
    private static void TrustDocumentServer(IServiceCollection services) =>
        services.AddHttpClient(ClientMetadataDocumentFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => LocalCognitoCertificates.CreateHandler(HttpsDocumentServer.Certificate));

    private static string Document(HttpContext context, Uri redirectUri) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["client_id"] = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.Path}",
        ["client_name"] = ClientName,
        ["redirect_uris"] = new[] { redirectUri.AbsoluteUri },
        ["grant_types"] = new[] { "authorization_code", "refresh_token" },
        ["response_types"] = new[] { "code" },
        ["token_endpoint_auth_method"] = "none",
    });
}
