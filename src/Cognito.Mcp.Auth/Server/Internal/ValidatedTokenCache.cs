using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// IdentityModel's token handler with a memory of tokens it has already validated. A machine-to-machine client sends
/// the same access token for up to an hour; verifying its RS256 signature and rebuilding its claims on every request is
/// most of what authentication costs (docs/performance.md). Safe because:
/// <list type="bullet">
/// <item>only tokens that passed full validation are remembered, keyed by the whole token string, so a forged or
/// altered token is never a hit and refused tokens cannot fill the cache;</item>
/// <item>an entry lives no longer than the token's own <c>exp</c> plus the clock skew, checked again on every hit;</item>
/// <item>new signing keys (rotation, a refresh after an unknown kid) drop every entry;</item>
/// <item>each hit gets a fresh <see cref="ClaimsIdentity"/>, and the Cognito checks (token_use, client_id, aud) and
/// scope policies still run on every request.</item>
/// </list>
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler, IDisposable
{
    // Measured in characters of token: about 16,000 typical Cognito access tokens.
    private const long CapacityInCharacters = 16L * 1024 * 1024;

    private readonly SigningKeyManager _keys;
    private readonly TimeProvider _time;
    private readonly MemoryCache _cache;

    public ValidatedTokenCache(SigningKeyManager keys, TimeProvider time)
    {
        _keys = keys;
        _time = time;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = CapacityInCharacters });
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var generation = _keys.Generation;
        if (_cache.TryGetValue(token, out Entry? entry) && entry!.Generation == generation && _time.GetUtcNow() < entry.ValidUntil)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = entry.Token,
                Issuer = entry.Issuer,
                TokenType = entry.TokenType,
                ClaimsIdentity = new ClaimsIdentity(entry.Claims, entry.AuthenticationType, entry.NameClaimType, entry.RoleClaimType),
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken validated && result.ClaimsIdentity is { } identity)
        {
            var validUntil = new DateTimeOffset(validated.ValidTo, TimeSpan.Zero) + validationParameters.ClockSkew;
            var remember = new Entry(
                validated, result.Issuer, result.TokenType, [.. identity.Claims.Select(c => c.Clone())],
                identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType, generation, validUntil);
            _cache.Set(token, remember, new MemoryCacheEntryOptions { Size = token.Length, AbsoluteExpirationRelativeToNow = Positive(validUntil - _time.GetUtcNow()) });
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
