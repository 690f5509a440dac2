using System.Net;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>
/// <see cref="LocalCognitoOptions.SeparateOrigins"/> with a <see cref="LocalCognitoOptions.Certificate"/>: the issuer
/// and the pools' domains on two https origins, as Cognito serves them, so code that assumes one origin, or that
/// trusts certificates too broadly, fails.
/// </summary>
public sealed class SeparateOriginsTests
{
    [Fact]
    public async Task Discovery_puts_the_issuer_and_jwks_on_the_issuer_origin_and_the_oauth_endpoints_on_the_domain_origin()
    {
        await using var t = await StartAsync();

        var response = await t.Http.GetAsync(t.Pool.DiscoveryEndpoint, TestContext.Current.CancellationToken);
        var body = await response.BodyAsync();
        var document = JsonNode.Parse(body)!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^https://127\.0\.0\.1:\d+$", t.Cognito.BaseAddress);
        Assert.Matches(@"^https://127\.0\.0\.1:\d+$", t.Cognito.DomainBaseAddress);
        Assert.NotEqual(t.Cognito.BaseUrl.Port, t.Cognito.DomainBaseUrl.Port);
        Assert.Equal($"{t.Cognito.BaseAddress}/{t.Pool.Id}", (string?)document["issuer"]);
        Assert.StartsWith(t.Cognito.BaseAddress + "/", (string?)document["jwks_uri"], StringComparison.Ordinal);
        Assert.All(
            ["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "revocation_endpoint", "end_session_endpoint"],
            name => Assert.StartsWith($"{t.Cognito.DomainBaseAddress}/domain/test/", (string?)document[name], StringComparison.Ordinal));
        Snapshots.MatchJson(
            body.Replace(t.Cognito.DomainBaseAddress + "/", "https://domain.localcognito/", StringComparison.Ordinal)
                .Replace(t.Cognito.BaseAddress + "/", "https://issuer.localcognito/", StringComparison.Ordinal)
                .Replace(t.Pool.Id, "us-east-1_POOLID", StringComparison.Ordinal),
            "discovery-separate-origins");
    }

    [Fact]
    public async Task Token_endpoint_answers_on_the_domain_origin_and_is_404_on_the_issuer_origin()
    {
        await using var t = await StartAsync();
        var onIssuerOrigin = new HttpRequestMessage(HttpMethod.Post, $"{t.Cognito.BaseAddress}{t.Pool.TokenEndpoint.AbsolutePath}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        onIssuerOrigin.Headers.Authorization = TestCognito.Basic(t.M2M.ClientId, t.M2M.ClientSecret);

        var onDomain = await t.ClientCredentialsAsync(t.M2M);
        var refused = await t.Http.SendAsync(onIssuerOrigin, TestContext.Current.CancellationToken);
        var token = (string)(await onDomain.JsonAsync())["access_token"]!;

        Assert.Equal(HttpStatusCode.OK, onDomain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(1, t.Cognito.Requests.Token);
        Assert.Equal(t.Pool.Issuer, (string?)Jwt.Payload(token)["iss"]);
        Assert.StartsWith("https://", t.Pool.Issuer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/{pool}/.well-known/openid-configuration")]
    [InlineData("GET", "/{pool}/.well-known/jwks.json")]
    [InlineData("POST", "/")]
    [InlineData("GET", "/health")]
    public async Task Issuer_paths_are_404_on_the_domain_origin_and_served_on_the_issuer_origin(string method, string path)
    {
        await using var t = await StartAsync();

        async Task<HttpResponseMessage> SendAsync(string origin)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), origin + path.Replace("{pool}", t.Pool.Id, StringComparison.Ordinal));
            if (method == "POST")
            {
                request.Content = new StringContent($$"""{"UserPoolId":"{{t.Pool.Id}}"}""");
                request.Content.Headers.ContentType = new("application/x-amz-json-1.1");
                request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService.DescribeUserPool");
            }

            return await t.Http.SendAsync(request, TestContext.Current.CancellationToken);
        }

        var onDomainOrigin = await SendAsync(t.Cognito.DomainBaseAddress);
        var onIssuerOrigin = await SendAsync(t.Cognito.BaseAddress);

        Assert.Equal(HttpStatusCode.NotFound, onDomainOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onIssuerOrigin.StatusCode);
    }

    [Fact]
    public async Task Code_flow_crosses_the_two_https_origins_with_secure_cookies()
    {
        await using var t = await StartAsync();
        using var browser = new Browser(TestCertificates.Served);
        var (verifier, challenge) = Browser.Pkce();
        var authorize = await browser.GetAsync(Browser.AuthorizeUrl(t.Pool, t.Web, new Dictionary<string, string?>
        {
            ["scope"] = "openid email",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }));
        var loginUrl = authorize.Headers.Location!.ToString();
        var login = await browser.GetAsync(loginUrl);
        var signedIn = await browser.SubmitLoginAsync(await login.BodyAsync(), loginUrl, TestData.Username, TestData.Password);

        var tokens = await (await t.PostTokenAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = Browser.Parameters(signedIn.Headers.Location!)["code"],
                ["redirect_uri"] = TestData.Callback,
                ["code_verifier"] = verifier,
            },
            t.Web)).JsonAsync();
        var userInfo = new HttpRequestMessage(HttpMethod.Get, t.Pool.UserInfoEndpoint);
        userInfo.Headers.Authorization = new("Bearer", (string)tokens["access_token"]!);
        var profile = await t.Http.SendAsync(userInfo, TestContext.Current.CancellationToken);

        Assert.StartsWith($"{t.Cognito.DomainBaseAddress}/domain/test/login?", loginUrl, StringComparison.Ordinal);
        Assert.All(login.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.StartsWith(TestData.Callback + "?code=", signedIn.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(t.Pool.Issuer, (string?)Jwt.Payload((string)tokens["id_token"]!)["iss"]);
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Https_is_trusted_only_for_the_exact_certificate_never_by_default()
    {
        await using var t = await StartAsync();
        using var systemTrust = new HttpClient();
        using var stranger = new HttpClient(LocalCognitoCertificates.CreateHandler(TestCertificates.Stranger));
        using var pinned = new HttpClient(LocalCognitoCertificates.CreateHandler(TestCertificates.Served));

        await Assert.ThrowsAsync<HttpRequestException>(() => systemTrust.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<HttpRequestException>(() => stranger.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, (await pinned.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Separate_origins_work_over_plain_http_with_the_development_pool()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(
            new LocalCognitoOptions { SeparateOrigins = true }, TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var pool = cognito.DevelopmentPool!;
        var request = new HttpRequestMessage(HttpMethod.Post, pool.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = TestCognito.Basic(LocalCognitoDevelopmentPool.M2MClientId, LocalCognitoDevelopmentPool.M2MClientSecret);

        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", cognito.DomainBaseAddress);
        Assert.NotEqual(cognito.BaseAddress, cognito.DomainBaseAddress);
        Assert.Equal($"{cognito.DomainBaseAddress}/domain/{LocalCognitoDevelopmentPool.DomainPrefix}", pool.DomainUrl!.ToString());
        Assert.Equal($"LocalCognito {cognito.BaseAddress} (domains {cognito.DomainBaseAddress})", cognito.ToString());
    }

    [Fact]
    public async Task One_origin_is_the_default()
    {
        await using var t = await TestCognito.StartAsync();

        Assert.Equal(t.Cognito.BaseAddress, t.Cognito.DomainBaseAddress);
        Assert.Equal(t.Cognito.BaseUrl, t.Cognito.DomainBaseUrl);
        Assert.StartsWith(t.Cognito.BaseAddress + "/domain/test", t.Pool.DomainUrl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Separate_origins_with_a_host_name_are_refused_with_the_setting_to_change()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => LocalCognito.StartAsync(
            new LocalCognitoOptions { Host = "localhost", Port = 0, SeparateOrigins = true }, TestContext.Current.CancellationToken));

        Assert.Contains("LocalCognitoOptions.Host", failure.Message, StringComparison.Ordinal);
    }

    private static Task<TestCognito> StartAsync() => TestCognito.StartAsync(options =>
    {
        options.SeparateOrigins = true;
        options.Certificate = TestCertificates.Served;
    });
}
