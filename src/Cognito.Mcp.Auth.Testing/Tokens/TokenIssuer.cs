using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// Signs one pool's tokens in Cognito's shapes (<see cref="TokenClaims"/>) with its current keys, and rotates those
/// keys. It knows the issuer, the keys and the clock, not the pool: the grants, managed login and the public
/// <c>LocalUserPool.Issue…</c> helpers all sign through it, after they have found the client and the user.
/// </summary>
internal sealed class TokenIssuer(string issuer, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private SigningKeys _keys = SigningKeys.Create();

    /// <summary>The keys signing now, and the retired ones the JWKS still publishes.</summary>
    public SigningKeys Keys => Volatile.Read(ref _keys);

    public void RotateKeys(bool keepPreviousKeysInJwks)
    {
        lock (_lock)
        {
            Volatile.Write(ref _keys, _keys.Rotate(keepPreviousKeysInJwks));
        }
    }

    public void RemoveRetiredKeys()
    {
        lock (_lock)
        {
            Volatile.Write(ref _keys, _keys.WithoutRetired());
        }
    }

    /// <summary>A machine-to-machine access token, as <c>client_credentials</c> answers it.</summary>
    public string ClientAccessToken(string clientId, IEnumerable<string> scopes, TimeSpan lifetime, Action<IDictionary<string, object>>? editClaims = null) =>
        Sign(Keys.AccessKey, TokenClaims.ClientCredentials(issuer, clientId, scopes, timeProvider.GetUtcNow(), lifetime), editClaims);

    /// <summary>A user's access token alone, as the authorization code grant would sign it.</summary>
    public string UserAccessToken(LocalAppClient client, SignInEvent signIn, IEnumerable<string> scopes, Action<IDictionary<string, object>>? editClaims) =>
        Sign(Keys.AccessKey, TokenClaims.UserAccess(issuer, client, signIn, scopes, resource: null, timeProvider.GetUtcNow()), editClaims);

    /// <summary>A user's access token and, with <c>openid</c>, ID token: one clock reading and one key snapshot for both.</summary>
    public (string AccessToken, string? IdToken) UserTokens(LocalAppClient client, SignInEvent signIn, IReadOnlyList<string> scopes, string? nonce, string? resource)
    {
        var now = timeProvider.GetUtcNow();
        var keys = Keys;
        var access = JwsWriter.Write(keys.AccessKey, TokenClaims.UserAccess(issuer, client, signIn, scopes, resource, now));
        var id = scopes.Contains("openid")
            ? JwsWriter.Write(keys.IdKey, TokenClaims.Id(issuer, client, signIn, nonce, access, now))
            : null;
        return (access, id);
    }

    /// <summary>An ID token whose <c>at_hash</c> matches an <c>openid</c> access token signed alongside and not returned.</summary>
    public string IdToken(LocalAppClient client, SignInEvent signIn, Action<IDictionary<string, object>>? editClaims)
    {
        var now = timeProvider.GetUtcNow();
        var keys = Keys;
        var access = JwsWriter.Write(keys.AccessKey, TokenClaims.UserAccess(issuer, client, signIn, ["openid"], resource: null, now));
        return Sign(keys.IdKey, TokenClaims.Id(issuer, client, signIn, nonce: null, access, now), editClaims);
    }

    private static string Sign(RsaSecurityKey key, Dictionary<string, object> claims, Action<IDictionary<string, object>>? editClaims)
    {
        editClaims?.Invoke(claims);
        return JwsWriter.Write(key, claims);
    }
}
