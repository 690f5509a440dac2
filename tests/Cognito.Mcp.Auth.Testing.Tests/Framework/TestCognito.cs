using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>
/// A started LocalCognito with one pool (domain <c>test</c>, resource server <c>orders-api</c> with read/write, an
/// M2M client, a web client and a user), fake time, and an HttpClient that does not follow redirects.
/// </summary>
internal sealed class TestCognito : IAsyncDisposable
{
    private TestCognito(LocalCognito cognito, FakeTimeProvider time)
    {
        Cognito = cognito;
        Time = time;
        Pool = cognito.CreateUserPool("test-pool").AddDomain("test");
        Pool.AddResourceServer(TestData.ApiIdentifier, "Orders API", "read", "write");
        Pool.AddResourceServer("billing-api", "Billing API", "admin");
        M2M = Pool.AddClient(new LocalAppClientSettings
        {
            Name = "m2m",
            GenerateSecret = true,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = [TestData.ReadScope, TestData.WriteScope],
        });
        Web = Pool.AddClient(new LocalAppClientSettings
        {
            Name = "web",
            GenerateSecret = true,
            AllowedOAuthFlows = [LocalOAuthFlows.Code, LocalOAuthFlows.Implicit],
            AllowedOAuthScopes = ["openid", "email", "profile", TestData.ReadScope],
            CallbackUrls = [TestData.Callback],
            LogoutUrls = [TestData.SignOut],
        });
        PublicWeb = Pool.AddClient(new LocalAppClientSettings
        {
            Name = "spa",
            AllowedOAuthFlows = [LocalOAuthFlows.Code],
            AllowedOAuthScopes = ["openid", "email", TestData.ReadScope],
            CallbackUrls = [TestData.Callback],
            LogoutUrls = [TestData.SignOut],
        });
        User = Pool.AddUser(
            TestData.Username,
            TestData.Password,
            new Dictionary<string, string> { ["email"] = "alice@example.com", ["email_verified"] = "true", ["name"] = "Alice" },
            ["admins"]);
        Http = new HttpClient(cognito.Options.Certificate is { } certificate
            ? Pinned(certificate)
            : new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
    }

    public LocalCognito Cognito { get; }

    public FakeTimeProvider Time { get; }

    public LocalUserPool Pool { get; }

    public LocalAppClient M2M { get; }

    public LocalAppClient Web { get; }

    public LocalAppClient PublicWeb { get; }

    public LocalUser User { get; }

    public HttpClient Http { get; }

    public static async Task<TestCognito> StartAsync(Action<LocalCognitoOptions>? configure = null)
    {
        var time = new FakeTimeProvider(TestData.Now);
        var options = new LocalCognitoOptions { TimeProvider = time };
        configure?.Invoke(options);
        var cognito = await LocalCognito.StartAsync(options, TestContext.Current.CancellationToken);
        return new TestCognito(cognito, time);
    }

    /// <summary>A handler that trusts exactly <paramref name="certificate"/>, follows no redirects and keeps no cookies.</summary>
    public static SocketsHttpHandler Pinned(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        var handler = LocalCognitoCertificates.CreateHandler(certificate);
        handler.AllowAutoRedirect = false;
        handler.UseCookies = false;
        return handler;
    }

    public static AuthenticationHeaderValue Basic(string clientId, string? secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));

    /// <summary>Posts a form to the token endpoint, optionally with Basic credentials.</summary>
    public Task<HttpResponseMessage> PostTokenAsync(IEnumerable<KeyValuePair<string, string>> form, LocalAppClient? basic = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Pool.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        if (basic is not null)
        {
            request.Headers.Authorization = Basic(basic.ClientId, basic.ClientSecret);
        }

        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> ClientCredentialsAsync(LocalAppClient client, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials" };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return PostTokenAsync(form, client);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Cognito.DisposeAsync();
    }
}
