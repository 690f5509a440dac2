using System.Net;
using Cognito.Mcp.Auth.Bridge.Internal;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Cognito.Mcp.Auth.Tests.Bridge;

public sealed class ClientMetadataDocumentFetcherTests
{
    private const string Path = "/oauth/client-metadata.json";
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Valid_document_becomes_a_client_from_a_metadata_document()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context)));
        using var host = new FetcherHost();
        var url = server.Url(Path);

        var result = await host.Fetcher.GetAsync(url, Cancel);

        Assert.True(result.Succeeded, result.Error?.Description);
        Assert.Equal(url, result.Client.ClientId);
        Assert.Equal("Claude", result.Client.ClientName);
        Assert.Equal(["https://claude.ai/api/mcp/auth_callback", "http://localhost:6274/oauth/callback"], result.Client.RedirectUris);
        Assert.Equal("native", result.Client.ApplicationType);
        Assert.True(result.Client.FromMetadataDocument);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 5000 && r.Message == "Fetched the client metadata document from 127.0.0.1; it is cached for 00:05:00.");
    }

    [Theory]
    [InlineData("""{"client_id":"https://other.example/oauth/client-metadata.json","redirect_uris":["https://claude.ai/cb"]}""", "its client_id does not equal the URL it was fetched from.")]
    [InlineData("""{"redirect_uris":["https://claude.ai/cb"]}""", "its client_id does not equal the URL it was fetched from.")]
    [InlineData("""{"client_id":"{url}","redirect_uris":["https://claude.ai/cb"],"token_endpoint_auth_method":"private_key_jwt"}""", "its token_endpoint_auth_method must be absent or \"none\": the server accepts only public clients, which use PKCE.")]
    [InlineData("""{"client_id":"{url}"}""", "redirect_uris is required: list the client's redirect URIs.")]
    [InlineData("""{"client_id":"{url}","redirect_uris":["javascript:alert(1)"]}""", "the scheme javascript: is never allowed in a redirect URI.")]
    [InlineData("""{"client_id":"{url}","application_type":"web","redirect_uris":["http://127.0.0.1/"]}""", "a web client's redirect URIs must use https; http on a loopback host is only for native clients (application_type \"native\", RFC 8252 §7.3).")]
    [InlineData("""{"client_id":"{url}","redirect_uris":["https://claude.ai/cb"],"client_name":"a\u0007"}""", "client_name must not contain control or formatting characters.")]
    [InlineData("""[]""", "it is not a JSON object.")]
    [InlineData("""<html>""", "it is not a JSON object.")]
    public async Task Invalid_document_is_refused_with_invalid_client(string template, string reason)
    {
        await using var server = await HttpsDocumentServer.StartAsync(context =>
            HttpsDocumentServer.WriteAsync(context, template.Replace("{url}", UrlOf(context), StringComparison.Ordinal)));
        using var host = new FetcherHost();

        var result = await host.Fetcher.GetAsync(server.Url(Path), Cancel);

        AssertRefused(result, reason);
    }

    [Fact]
    public async Task Document_larger_than_5_KiB_is_refused()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context =>
            HttpsDocumentServer.WriteAsync(context, Document(context, padding: new string('x', 5 * 1024))));
        using var host = new FetcherHost();

        AssertRefused(await host.Fetcher.GetAsync(server.Url(Path), Cancel), "it is larger than 5120 bytes.");
    }

    [Fact]
    public async Task Document_of_exactly_5_KiB_is_read_in_full()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context =>
        {
            var document = Document(context);
            return HttpsDocumentServer.WriteAsync(context, Document(context, padding: new string('x', 5 * 1024 - document.Length - ",\"pad\":\"\"".Length)));
        });
        using var host = new FetcherHost();

        Assert.True((await host.Fetcher.GetAsync(server.Url(Path), Cancel)).Succeeded);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/jsonp")]
    [InlineData("text/plain; charset=utf-8")]
    public async Task Document_of_another_content_type_is_refused(string contentType)
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context), contentType));
        using var host = new FetcherHost();

        AssertRefused(await host.Fetcher.GetAsync(server.Url(Path), Cancel), "its content type is not application/json.");
    }

    [Fact]
    public async Task Content_type_parameters_are_tolerated()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context), "application/json; charset=utf-8"));
        using var host = new FetcherHost();

        Assert.True((await host.Fetcher.GetAsync(server.Url(Path), Cancel)).Succeeded);
    }

    [Fact]
    public async Task Redirect_is_refused_and_not_followed()
    {
        var followed = 0;
        await using var server = await HttpsDocumentServer.StartAsync(context =>
        {
            if (context.Request.Path == "/elsewhere")
            {
                Interlocked.Increment(ref followed);
                return HttpsDocumentServer.WriteAsync(context, Document(context));
            }

            context.Response.StatusCode = 302;
            context.Response.Headers.Location = "/elsewhere";
            return Task.CompletedTask;
        });
        using var host = new FetcherHost();

        AssertRefused(await host.Fetcher.GetAsync(server.Url(Path), Cancel), "it answered HTTP 302, a redirect, and redirects are not followed.");
        Assert.Equal(0, followed);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Error_status_is_refused()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, "{}", status: 404));
        using var host = new FetcherHost();

        AssertRefused(await host.Fetcher.GetAsync(server.Url(Path), Cancel), "it answered HTTP 404, not 200.");
    }

    [Fact]
    public async Task Server_that_holds_the_response_times_out_by_the_time_provider()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await HttpsDocumentServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            await HttpsDocumentServer.WriteAsync(context, Document(context));
        });
        var time = new FakeTimeProvider();
        using var host = new FetcherHost(time: time, options: new ClientMetadataDocumentOptions { Timeout = TimeSpan.FromMinutes(10) });

        var fetch = host.Fetcher.GetAsync(server.Url(Path), Cancel);
        await arrived.Task.WaitAsync(Cancel);
        Assert.False(fetch.IsCompleted);
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.False(fetch.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        // Only the fake clock can end the fetch this early: the real one is ten minutes away (the bound is a safety net).
        var result = await fetch.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
        release.TrySetResult();

        AssertRefused(result, "it did not arrive within 600 seconds.");
    }

    [Fact]
    public async Task Cached_document_is_not_fetched_again()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context)));
        using var host = new FetcherHost();
        var url = server.Url(Path);

        var first = await host.Fetcher.GetAsync(url, Cancel);
        var second = await host.Fetcher.GetAsync(url, Cancel);

        Assert.True(second.Succeeded);
        Assert.Equal(first.Client, second.Client);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_url_share_one_fetch()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await HttpsDocumentServer.StartAsync(async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await HttpsDocumentServer.WriteAsync(context, Document(context));
        });
        using var host = new FetcherHost();
        var url = server.Url(Path);

        var fetches = Enumerable.Range(0, 5).Select(_ => host.Fetcher.GetAsync(url, Cancel)).ToArray();
        release.TrySetResult();
        var results = await Task.WhenAll(fetches);

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(1, server.Requests);
    }

    [Theory]
    [InlineData(null, 300)]
    [InlineData("max-age=120", 120)]
    [InlineData("public, max-age=3600", 3600)]
    [InlineData("max-age=5", 60)]
    [InlineData("max-age=0", 60)]
    [InlineData("no-store", 60)]
    [InlineData("no-cache", 60)]
    [InlineData("max-age=604800", 86400)]
    public async Task Cache_duration_follows_max_age_within_one_minute_and_one_day(string? cacheControl, int seconds)
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context), cacheControl: cacheControl));
        var time = new FakeTimeProvider();
        using var host = new FetcherHost(time: time);
        var url = server.Url(Path);

        await host.Fetcher.GetAsync(url, Cancel);
        time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        await host.Fetcher.GetAsync(url, Cancel);
        Assert.Equal(1, server.Requests);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await host.Fetcher.GetAsync(url, Cancel)).Succeeded);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Failure_is_cached_for_30_seconds()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, "{}", status: 500));
        var time = new FakeTimeProvider();
        using var host = new FetcherHost(time: time);
        var url = server.Url(Path);

        await host.Fetcher.GetAsync(url, Cancel);
        time.Advance(TimeSpan.FromSeconds(29));
        AssertRefused(await host.Fetcher.GetAsync(url, Cancel), "it answered HTTP 500, not 200.");
        Assert.Equal(1, server.Requests);

        time.Advance(TimeSpan.FromSeconds(1));
        await host.Fetcher.GetAsync(url, Cancel);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task Loopback_address_is_refused_outside_Development_before_any_request()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context)));
        using var host = new FetcherHost(Environments.Production, options: AnyPort);

        var result = await host.Fetcher.GetAsync(server.Url(Path), Cancel);

        AssertRefused(result, "its host resolves to an address the server does not connect to (loopback, private, link-local or reserved); publish it on a public https host.");
        Assert.Equal(0, server.Requests);
        var record = Assert.Single(host.Logs.GetSnapshot(), r => r.Id.Id == 5002);
        Assert.Equal("The client metadata document host 127.0.0.1 resolves to 127.0.0.1, a loopback address; nothing was fetched.", record.Message);
        Assert.Equal(LogLevel.Warning, record.Level);
    }

    [Fact]
    public async Task A_port_other_than_443_is_refused_outside_Development_before_any_request()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context)));
        using var host = new FetcherHost(Environments.Production);

        var result = await host.Fetcher.GetAsync(server.Url(Path), Cancel);

        Assert.Equal("The client_id must be an https URL on the default port (443).", result.Error?.Description);
        Assert.Equal(0, server.Requests);
    }

    /// <summary>Address checks are tested on the loopback server's own port (the default-port rule comes first otherwise).</summary>
    private static readonly ClientMetadataDocumentOptions AnyPort = new() { RequireDefaultPort = false };

    [Fact]
    public async Task Host_name_that_resolves_to_loopback_is_refused_outside_Development()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context)));
        using var host = new FetcherHost(Environments.Production, options: AnyPort);

        var result = await host.Fetcher.GetAsync($"https://localhost:{server.Port}{Path}", Cancel);

        Assert.Equal("invalid_client", result.Error?.Error);
        Assert.Equal(0, server.Requests);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 5002 && r.Message.StartsWith("The client metadata document host localhost resolves to ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Trust_added_through_ConfigureHttpClientDefaults_keeps_the_address_checks_and_drops_redirects_and_proxies()
    {
        // As TestCognito.TrustRunCertificate does: every HttpClient gets a handler that trusts the test certificate. This
        // one also follows redirects and uses a proxy; the guard keeps the trust and turns both off.
        await using var proxy = await LoopbackServer.StartAsync((_, context) => { context.Response.StatusCode = 502; return Task.CompletedTask; });
        await using var server = await HttpsDocumentServer.StartAsync(context =>
        {
            if (context.Request.Path == Path)
            {
                context.Response.StatusCode = 302;
                context.Response.Headers.Location = "/elsewhere";
                return Task.CompletedTask;
            }

            return HttpsDocumentServer.WriteAsync(context, Document(context));
        });
        Action<IServiceCollection> trustEverywhere = services => services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() =>
        {
            var handler = LocalCognitoCertificates.CreateHandler(HttpsDocumentServer.Certificate);
            handler.AllowAutoRedirect = true;
            handler.UseProxy = true;
            handler.Proxy = new WebProxy(proxy.BaseUrl);
            return handler;
        }));
        using var development = new FetcherHost(Environments.Development, trustCertificate: false, before: trustEverywhere);
        using var production = new FetcherHost(Environments.Production, options: AnyPort, trustCertificate: false, before: trustEverywhere);

        AssertRefused(await development.Fetcher.GetAsync(server.Url(Path), Cancel), "it answered HTTP 302, a redirect, and redirects are not followed.");
        Assert.True((await development.Fetcher.GetAsync(server.Url("/elsewhere"), Cancel)).Succeeded);
        Assert.False((await production.Fetcher.GetAsync(server.Url("/elsewhere/x"), Cancel)).Succeeded);
        Assert.Equal(2, server.Requests);
        Assert.Empty(proxy.Requests);
    }

    [Fact]
    public async Task Untrusted_certificate_is_refused()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context)));
        using var host = new FetcherHost(trustCertificate: false);

        AssertRefused(await host.Fetcher.GetAsync(server.Url(Path), Cancel), "it could not be fetched (SecureConnectionError).");
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task Primary_handler_that_cannot_check_addresses_is_replaced()
    {
        await using var server = await HttpsDocumentServer.StartAsync(context => HttpsDocumentServer.WriteAsync(context, Document(context)));
        using var host = new FetcherHost(Environments.Production, options: AnyPort, configure: http => http.ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        }));

        Assert.False((await host.Fetcher.GetAsync(server.Url(Path), Cancel)).Succeeded);
        Assert.Equal(0, server.Requests);
        Assert.Contains(host.Logs.GetSnapshot(), r => r.Id.Id == 5004 && r.Message.Contains("is a HttpClientHandler", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_id_that_is_not_a_metadata_document_url_is_refused_without_a_fetch()
    {
        using var host = new FetcherHost();

        var result = await host.Fetcher.GetAsync("http://127.0.0.1/oauth/client-metadata.json", Cancel);

        Assert.Equal(
            new BridgeError("invalid_client", "The client_id is not a client metadata document URL: it must be an https URL with a path, without a fragment, user information or dot segments."),
            result.Error);
    }

    [Theory]
    [InlineData("https://claude.ai/oauth/mcp-client-metadata.json", true)]
    [InlineData("https://claude.ai:8443/a", true)]
    [InlineData("https://claude.ai/a?v=1", true)]
    [InlineData("https://claude.ai", false)]
    [InlineData("https://claude.ai/", false)]
    [InlineData("https://claude.ai?x=/a", false)]
    [InlineData("http://claude.ai/a", false)]
    [InlineData("HTTPS://claude.ai/a", false)]
    [InlineData("https://claude.ai/a#f", false)]
    [InlineData("https://user@claude.ai/a", false)]
    [InlineData("https://claude.ai/./a", false)]
    [InlineData("https://claude.ai/a/../b", false)]
    [InlineData("https://claude.ai/a/%2e%2E/b", false)]
    [InlineData("https://claude.ai/a/.%2e", false)]
    [InlineData("https://claude.ai/a b", false)]
    [InlineData("client-123", false)]
    [InlineData("", false)]
    public void Metadata_document_url_shape_is_recognised(string clientId, bool expected) =>
        Assert.Equal(expected, ClientMetadataDocumentFetcher.IsMetadataDocumentUrl(clientId));

    private static string UrlOf(HttpContext context) => $"https://127.0.0.1:{context.Connection.LocalPort}{context.Request.Path}";

    private static string Document(HttpContext context, string? padding = null) =>
        $$"""{"client_id":"{{UrlOf(context)}}","client_name":"Claude","redirect_uris":["https://claude.ai/api/mcp/auth_callback","http://localhost:6274/oauth/callback"],"logo_uri":"https://evil.example/logo.png"{{(padding is null ? "" : $",\"pad\":\"{padding}\"")}}}""";

    private static void AssertRefused(ClientMetadataDocumentResult result, string reason)
    {
        Assert.False(result.Succeeded);
        Assert.Equal(new BridgeError("invalid_client", "The client metadata document is refused: " + reason), result.Error);
    }

    /// <summary>The fetcher as AddClientMetadataDocumentFetcher registers it, trusting the test certificate through the named client.</summary>
    private sealed class FetcherHost : IDisposable
    {
        private readonly ServiceProvider _services;

        public FetcherHost(
            string environment = "Development",
            FakeTimeProvider? time = null,
            ClientMetadataDocumentOptions? options = null,
            bool trustCertificate = true,
            Action<IServiceCollection>? before = null,
            Action<IHttpClientBuilder>? configure = null)
        {
            var services = new ServiceCollection();
            services.AddFakeLogging();
            services.AddSingleton<IHostEnvironment>(new TestEnvironment(environment));
            services.AddSingleton<TimeProvider>(time ?? new FakeTimeProvider());
            if (options is not null)
            {
                services.AddSingleton(options);
            }

            before?.Invoke(services);
            services.AddClientMetadataDocumentFetcher();
            var http = services.AddHttpClient(ClientMetadataDocumentFetcher.HttpClientName);
            if (trustCertificate)
            {
                http.ConfigurePrimaryHttpMessageHandler(() => LocalCognitoCertificates.CreateHandler(HttpsDocumentServer.Certificate));
            }

            configure?.Invoke(http);
            _services = services.BuildServiceProvider();
        }

        public ClientMetadataDocumentFetcher Fetcher => _services.GetRequiredService<ClientMetadataDocumentFetcher>();

        public FakeLogCollector Logs => _services.GetFakeLogCollector();

        public void Dispose() => _services.Dispose();
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
