using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using Cognito.Mcp.Auth.Server.Internal;

namespace Cognito.Mcp.Auth.Diagnostics;

/// <summary>
/// Traces and counters of the resource-server side. Tags carry client ids, refusal reasons and outcomes; never a token
/// or a secret.
/// </summary>
internal sealed class ServerTelemetry : IDisposable
{
    /// <summary>The span source: one <c>cognito.authenticate</c> span per authenticated request.</summary>
    public static readonly ActivitySource ActivitySource = new(
        CognitoMcpAuthenticationDefaults.TelemetryName,
        typeof(ServerTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _cacheHits;
    private readonly Counter<long> _cacheMisses;
    private readonly Counter<long> _keyRefreshes;

    public ServerTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(CognitoMcpAuthenticationDefaults.TelemetryName);
        _accepted = _meter.CreateCounter<long>("cognito.server.tokens.accepted", "{token}", "Requests whose access token passed every check.");
        _refused = _meter.CreateCounter<long>("cognito.server.tokens.refused", "{request}", "Requests refused (401, 400 or 403), by reason.");
        _cacheHits = _meter.CreateCounter<long>("cognito.server.validated_token_cache.hits", "{token}", "Validations answered from the validated-token cache.");
        _cacheMisses = _meter.CreateCounter<long>("cognito.server.validated_token_cache.misses", "{token}", "Validations that verified the token in full.");
        _keyRefreshes = _meter.CreateCounter<long>("cognito.server.signing_keys.refreshes", "{refresh}", "Downloads of the OpenID configuration and JWKS, by outcome.");
    }

    public void Accepted(string clientId) => _accepted.Add(1, new KeyValuePair<string, object?>("cognito.client_id", clientId));

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("cognito.refusal", reason));

    public void CacheHit() => _cacheHits.Add(1);

    public void CacheMiss() => _cacheMisses.Add(1);

    public void KeyRefresh(bool succeeded) => _keyRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    /// <summary>The <c>cognito.refusal</c> tag value of a failure, e.g. <c>expired</c>, <c>client_not_allowed</c>.</summary>
    public static string Reason(TokenFailure failure) => failure switch
    {
        TokenFailure.Invalid => "invalid",
        TokenFailure.Malformed => "malformed",
        TokenFailure.TooLarge => "too_large",
        TokenFailure.Expired => "expired",
        TokenFailure.NotYetValid => "not_yet_valid",
        TokenFailure.InvalidSignature => "invalid_signature",
        TokenFailure.UnknownSigningKey => "unknown_signing_key",
        TokenFailure.InvalidIssuer => "invalid_issuer",
        TokenFailure.InvalidAlgorithm => "invalid_algorithm",
        TokenFailure.InvalidAudience => "invalid_audience",
        TokenFailure.NotAnAccessToken => "not_an_access_token",
        TokenFailure.ClientNotAllowed => "client_not_allowed",
        TokenFailure.SigningKeysUnavailable => "signing_keys_unavailable",
        TokenFailure.TokenInQueryString => "token_in_query_string",
        TokenFailure.MultipleAuthorizationHeaders => "multiple_authorization_headers",
        TokenFailure.ClaimOfWrongType => "claim_of_wrong_type",
        TokenFailure.MissingIssuedAt => "missing_iat",
        TokenFailure.UnsupportedCriticalHeader => "unsupported_critical_header",
        TokenFailure.RefusedByApplication => "refused_by_application",
        _ => "invalid",
    };

    public void Dispose() => _meter.Dispose();
}
