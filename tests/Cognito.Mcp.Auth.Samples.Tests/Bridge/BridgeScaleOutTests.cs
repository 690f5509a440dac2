using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Samples.Tests.Framework;
using Cognito.Mcp.Auth.Testing;
using Cognito.Mcp.Auth.Tests.Framework;
using Microsoft.AspNetCore.WebUtilities;

namespace Cognito.Mcp.Auth.Samples.Tests.Bridge;

/// <summary>
/// Two CalculatorServer processes sharing the authorization bridge's state through a real redis-server (and a key
/// ring in a shared directory), as behind a load balancer: every step of one sign-in lands on the other instance.
/// </summary>
public sealed partial class BridgeScaleOutTests
{
    private const string Redirect = "http://127.0.0.1:33418/";
    private const string BridgeClientId = "scaleoutbridgeclient000001";
    private const string BridgeClientSecret = "scaleout-bridge-secret-for-this-test-only-000000001";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sign_in_that_hops_between_two_instances_completes_and_its_state_in_redis_is_encrypted()
    {
        await using var redis = await RedisServer.StartAsync(Cancellation);
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: Cancellation);
        var keyRing = Directory.CreateTempSubdirectory("bridge-keys-");
        var (portA, portB) = (FreePort(), FreePort());
        var publicUrl = $"http://127.0.0.1:{portA}"; // what a load balancer would publish; both instances are configured so
        cognito.DevelopmentPool!.AddClient(new LocalAppClientSettings
        {
            Name = "scale-out-bridge",
            ClientId = BridgeClientId,
            GenerateSecret = true,
            ClientSecret = BridgeClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.Code],
            AllowedOAuthScopes = [LocalCognitoDevelopmentPool.ReadScope],
            CallbackUrls = [publicUrl + "/oauth/callback"],
        });
        var settings = new Dictionary<string, string?>
        {
            ["Cognito__Issuer"] = cognito.DevelopmentPool.Issuer,
            ["Cognito__Resource"] = publicUrl + "/mcp",
            ["Cognito__AuthorizationBridge__ClientId"] = BridgeClientId,
            ["Cognito__AuthorizationBridge__ClientSecret"] = BridgeClientSecret,
            ["SharedState__Redis"] = redis.Configuration,
            ["SharedState__KeyRingDirectory"] = keyRing.FullName,
        };
        try
        {
            await using var a = await StartAsync(settings, portA);
            await using var b = await StartAsync(settings, portB);
            var (urlA, urlB) = ($"http://127.0.0.1:{portA}", $"http://127.0.0.1:{portB}");
            using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

            // Registered on B, authorized on A, consent answered on B (antiforgery across instances: one key ring).
            using var registered = await browser.PostAsJsonAsync(urlB + "/oauth/register", new { redirect_uris = new[] { Redirect }, client_name = "scale-out test" }, Cancellation);
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            var clientId = JsonDocument.Parse(await registered.Content.ReadAsStringAsync(Cancellation)).RootElement.GetProperty("client_id").GetString()!;
            var verifier = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            using var consentPage = await browser.GetAsync(
                $"{urlA}/oauth/authorize?response_type=code&client_id={clientId}&redirect_uri={Uri.EscapeDataString(Redirect)}&state=s1&code_challenge={challenge}&code_challenge_method=S256&scope=my-api%2Fread",
                Cancellation);
            Assert.Equal(HttpStatusCode.OK, consentPage.StatusCode);
            var fields = HiddenFields(await consentPage.Content.ReadAsStringAsync(Cancellation));
            fields["decision"] = "allow";
            using var consented = await browser.PostAsync(urlB + "/oauth/consent", new FormUrlEncodedContent(fields), Cancellation);
            Assert.True(consented.StatusCode == HttpStatusCode.SeeOther, await consented.Content.ReadAsStringAsync(Cancellation));

            // Cognito's managed login, then its redirect to the public callback, which the "load balancer" sends to B.
            var callback = await SignInAtCognitoAsync(browser, consented.Headers.Location!);
            Assert.StartsWith(publicUrl + "/oauth/callback?", callback.AbsoluteUri, StringComparison.Ordinal);
            using var completed = await browser.GetAsync(urlB + callback.PathAndQuery, Cancellation);
            Assert.True(completed.StatusCode == HttpStatusCode.Found, await completed.Content.ReadAsStringAsync(Cancellation));
            var back = QueryHelpers.ParseQuery(completed.Headers.Location!.Query);
            Assert.Equal("s1", back["state"]);

            // The code is redeemed at A; the token works at B; the refresh token is rotated at B and its old value is
            // refused at A.
            var tokens = await TokenAsync(browser, urlA, new() { ["grant_type"] = "authorization_code", ["code"] = back["code"]!, ["redirect_uri"] = Redirect, ["code_verifier"] = verifier, ["client_id"] = clientId });
            Assert.Equal(HttpStatusCode.OK, await CallToolAsync(browser, urlB, tokens.GetProperty("access_token").GetString()!));
            var refresh = tokens.GetProperty("refresh_token").GetString()!;
            var refreshed = await TokenAsync(browser, urlB, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = clientId });
            Assert.Equal(HttpStatusCode.OK, await CallToolAsync(browser, urlA, refreshed.GetProperty("access_token").GetString()!));
            using var replay = await browser.PostAsync(urlA + "/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = clientId }), Cancellation);
            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);

            // What Redis holds: hashed keys, encrypted values (no JWT, no handle, no client id in clear).
            var keys = (await RedisCliAsync(redis, "--scan", "--pattern", "cognito-mcp-bridge:*")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                Assert.Matches("^cognito-mcp-bridge:[a-z-]+:[0-9a-f]{64}$", key);
                var value = await RedisCliAsync(redis, "HGET", key, "data");
                Assert.DoesNotContain("eyJ", value, StringComparison.Ordinal);
                Assert.DoesNotContain(clientId, value, StringComparison.Ordinal);
                Assert.DoesNotContain(refresh, value, StringComparison.Ordinal);
            }
        }
        finally
        {
            keyRing.Delete(recursive: true);
        }
    }

    private static async Task<SampleProcess> StartAsync(Dictionary<string, string?> settings, int port)
    {
        var server = SampleProcess.Start("CalculatorServer", settings, null, "--urls", $"http://127.0.0.1:{port}", "--contentRoot", RepositoryPaths.SampleOutput("CalculatorServer"));
        await server.WaitForLineAsync(@"Now listening on: http://127\.0\.0\.1:\d+", Cancellation);
        return server;
    }

    private static async Task<Uri> SignInAtCognitoAsync(HttpClient browser, Uri authorize)
    {
        var response = await browser.GetAsync(authorize, Cancellation);
        for (var hops = 0; hops < 5; hops++)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var html = await response.Content.ReadAsStringAsync(Cancellation);
                var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
                var fields = HiddenFields(html);
                fields["username"] = LocalCognitoDevelopmentPool.DemoUsername;
                fields["password"] = LocalCognitoDevelopmentPool.DemoPassword;
                response = await browser.PostAsync(new Uri(response.RequestMessage!.RequestUri!, action), new FormUrlEncodedContent(fields), Cancellation);
                continue;
            }

            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            if (location.AbsolutePath.EndsWith("/oauth/callback", StringComparison.Ordinal))
            {
                return location;
            }

            response = await browser.GetAsync(location, Cancellation);
        }

        throw new InvalidOperationException("Cognito's login did not return to the bridge.");
    }

    private static async Task<JsonElement> TokenAsync(HttpClient browser, string instance, Dictionary<string, string> form)
    {
        using var response = await browser.PostAsync(instance + "/oauth/token", new FormUrlEncodedContent(form), Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<HttpStatusCode> CallToolAsync(HttpClient http, string instance, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, instance + "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":1,"b":2}}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    private static async Task<string> RedisCliAsync(RedisServer redis, params string[] arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Cancellation);
        await process.WaitForExitAsync(Cancellation);
        return output;
    }

    private static Dictionary<string, string> HiddenFields(string html) =>
        HiddenField().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
