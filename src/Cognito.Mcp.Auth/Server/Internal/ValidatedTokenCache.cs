using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// IdentityModel's token handler with two additions: a refusal of token shapes Cognito never issues
/// (<see cref="CognitoTokenShape"/>), and a memory of tokens it has fully validated. A machine-to-machine client sends
/// the same access token for up to an hour; verifying its RS256 signature and rebuilding its claims on every request is
/// most of what authentication costs (docs/performance.md). Safe because:
/// <list type="bullet">
/// <item>only tokens that passed every check are remembered (signature, issuer, lifetime, then the Cognito rules:
/// access token, allowed client, audience), keyed by the whole token string, so a forged or altered token is never a
/// hit, and a flood of refused tokens (ID tokens, other clients' tokens, forgeries) never enters the cache and cannot
/// evict the tokens in use;</item>
/// <item>an entry lives no longer than the token's own <c>exp</c> plus the clock skew, checked again on every hit;</item>
/// <item>new signing keys (rotation, a refresh after an unknown kid) drop every entry;</item>
/// <item>each hit gets a fresh <see cref="ClaimsIdentity"/>, and the Cognito rules (whose allowed clients may have
/// changed) and scope policies still run on every request.</item>
/// </list>
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler, IDisposable
{
    // Measured in characters of token: about 16,000 typical Cognito access tokens.
    private const long CapacityInCharacters = 16L * 1024 * 1024;

    private readonly SigningKeyManager _keys;
    private readonly CognitoAccessTokenRules _rules;
    private readonly Diagnostics.ServerTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly MemoryCache _cache;
    private long _hits;

    public ValidatedTokenCache(SigningKeyManager keys, CognitoAccessTokenRules rules, Diagnostics.ServerTelemetry telemetry, TimeProvider time)
    {
        _telemetry = telemetry;
        _keys = keys;
        _rules = rules;
        _time = time;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = CapacityInCharacters });
    }

    /// <summary>How many tokens are remembered now (for tests).</summary>
    internal int Count => _cache.Count;

    /// <summary>How many validations were answered from memory (for tests).</summary>
    internal long Hits => Interlocked.Read(ref _hits);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var generation = _keys.Generation;
        var key = new ValidatedTokenKey(token);
        if (_cache.TryGetValue(key, out Entry? entry) && entry!.Generation == generation && _time.GetUtcNow() < entry.ValidUntil)
        {
            Interlocked.Increment(ref _hits);
            _telemetry.CacheHit();
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = entry.Token,
                Issuer = entry.Issuer,
                TokenType = entry.TokenType,
                ClaimsIdentity = new ClaimsIdentity(entry.Claims, entry.AuthenticationType, entry.NameClaimType, entry.RoleClaimType),
            };
        }

        _telemetry.CacheMiss();
        if (CognitoTokenShape.Check(token) is { } misshapen)
        {
            return new TokenValidationResult { IsValid = false, Exception = new TokenRejectedException(misshapen) };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && await _keys.HasKeysNewerThanAsync(generation))
        {
            // A key id unknown to the keys this validation used, while another request's refresh was bringing new
            // keys (a rotation: many clients present their first token of the new key at once, and only the first
            // may start a download). Validated again with the keys that refresh brought, not refused.
            generation = _keys.Generation;
            result = await base.ValidateTokenAsync(token, validationParameters);
        }

        // Keys that changed during validation (the first fetch, a rotation) leave the token unremembered this time.
        if (result.IsValid && result.SecurityToken is JsonWebToken validated && result.ClaimsIdentity is { } identity
            && generation == _keys.Generation && _rules.Check(identity, out _, out _) is null)
        {
            var validUntil = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew;
            var remember = new Entry(
                validated, result.Issuer, result.TokenType, [.. identity.Claims.Select(c => c.Clone())],
                identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType, generation, validUntil);
            _cache.Set(key, remember, new MemoryCacheEntryOptions { Size = token.Length, AbsoluteExpirationRelativeToNow = Positive(validUntil - _time.GetUtcNow()) });
        }

        return result;
    }

    public void Dispose() => _cache.Dispose();

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.FromTicks(1);

    private sealed record Entry(
        JsonWebToken Token,
        string? Issuer,
        string? TokenType,
        IReadOnlyList<Claim> Claims,
        string? AuthenticationType,
        string NameClaimType,
        string RoleClaimType,
        long Generation,
        DateTimeOffset ValidUntil);
}
