using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cognito.Mcp.Auth.Client.Internal;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// The bridge as a confidential client of Cognito: builds the managed-login redirect, redeems Cognito's code, refreshes
/// and revokes. Endpoints come from the user pool's own discovery document, the one JwtBearer already fetched and whose
/// issuer it checked, so the client secret only ever goes to the pool's domain.
/// </summary>
internal sealed class CognitoUpstream(
    BridgeSettings settings,
    IOptionsMonitor<JwtBearerOptions> jwtBearerOptions,
    IHttpClientFactory httpClients,
    ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger(BridgeFlowLog.Category);

    public const string HttpClientName = "Cognito.Mcp.Auth.AuthorizationBridge.Upstream";

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancellationToken)
    {
        var bearer = jwtBearerOptions.Get(settings.Registration.BearerScheme);
        return await bearer.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
    }

    /// <summary>Cognito's managed-login URL for this authorization, or <see langword="null"/> when Cognito's metadata is unreachable.</summary>
    public async Task<string?> AuthorizeUrlAsync(string state, string verifier, IReadOnlyList<string> scopes, CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await GetConfigurationAsync(cancellationToken);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            BridgeFlowLog.UpstreamUnavailable(logger, "discovery", $"{ex.GetType().Name}: {ex.Message}");
            return null;
        }

        return QueryHelpers.AddQueryString(configuration.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = settings.Options.ClientId,
            ["redirect_uri"] = settings.CallbackUrl,
            ["state"] = state,
            ["scope"] = string.Join(' ', scopes),
            ["code_challenge"] = Pkce.Challenge(verifier),
            ["code_challenge_method"] = "S256",
        });
    }

    public Task<UpstreamTokens> RedeemCodeAsync(string code, string verifier, CancellationToken cancellationToken) =>
        PostTokenAsync(
            new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = settings.CallbackUrl,
                ["code_verifier"] = verifier,
            },
            cancellationToken);

    public Task<UpstreamTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostTokenAsync(
            new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken },
            cancellationToken);

    /// <summary>Revokes a Cognito refresh token; best effort: a failure is logged, the bridge's own records are gone anyway.</summary>
    public async Task RevokeAsync(string refreshToken, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await GetConfigurationAsync(cancellationToken);
            var endpoint = configuration.AdditionalData.TryGetValue("revocation_endpoint", out var value) && value is string revocation
                ? revocation
                : configuration.TokenEndpoint.Replace("/oauth2/token", "/oauth2/revoke", StringComparison.Ordinal);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Options.UpstreamTimeout);
            using var response = await SendAsync(endpoint, new Dictionary<string, string> { ["token"] = refreshToken }, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                BridgeFlowLog.UpstreamRevocationFailed(logger, (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            BridgeFlowLog.UpstreamUnavailable(logger, "revocation", $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<UpstreamTokens> PostTokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        try
        {
            var configuration = await GetConfigurationAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Options.UpstreamTimeout);
            using var response = await SendAsync(configuration.TokenEndpoint, form, timeout.Token);
            var body = await BoundedContent.ReadAsync(response.Content, timeout.Token);
            if (body is null)
            {
                BridgeFlowLog.UpstreamAnswerInvalid(logger, (int)response.StatusCode, "the body is larger than 64 KiB");
                return UpstreamTokens.Failed("temporarily_unavailable");
            }

            return Parse(response, body);
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            BridgeFlowLog.UpstreamUnavailable(logger, form["grant_type"], $"{ex.GetType().Name}: {ex.Message}");
            return UpstreamTokens.Failed("temporarily_unavailable");
        }
    }

    private UpstreamTokens Parse(HttpResponseMessage response, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!response.IsSuccessStatusCode)
            {
                var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                BridgeFlowLog.UpstreamRefused(logger, (int)response.StatusCode, error ?? "(none)");

                // A refused code or refresh token is the client's invalid_grant; anything else (our secret, our
                // client's settings) is the server's problem, which the client cannot fix.
                return UpstreamTokens.Failed(error == "invalid_grant" ? "invalid_grant" : "server_error");
            }

            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("expires_in", out var expires) || !expires.TryGetInt32(out var seconds) || seconds <= 0)
            {
                BridgeFlowLog.UpstreamAnswerInvalid(logger, (int)response.StatusCode, "access_token or expires_in is missing or malformed");
                return UpstreamTokens.Failed("server_error");
            }

            var refresh = root.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            return new UpstreamTokens(access.GetString(), TimeSpan.FromSeconds(seconds), refresh, null);
        }
        catch (JsonException)
        {
            BridgeFlowLog.UpstreamAnswerInvalid(logger, (int)response.StatusCode, "the body is not JSON");
            return UpstreamTokens.Failed("server_error");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string endpoint, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) };

        // client_secret_basic: RFC 6749 section 2.3.1 form-encodes id and secret before base64.
        var credentials = Uri.EscapeDataString(settings.Options.ClientId!) + ":" + Uri.EscapeDataString(settings.Options.ClientSecret!);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException or InvalidOperationException
        || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);
}
