using System.Security.Cryptography;
using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// An immutable snapshot of a pool's keys: the current access-token and ID-token keys (different, like Cognito) and
/// the retired keys still published in the JWKS. Swapped atomically on rotation.
/// </summary>
internal sealed class SigningKeys
{
    private SigningKeys(RsaSecurityKey accessKey, RsaSecurityKey idKey, IReadOnlyList<RsaSecurityKey> retired)
    {
        AccessKey = accessKey;
        IdKey = idKey;
        Retired = retired;
    }

    public RsaSecurityKey AccessKey { get; }

    public RsaSecurityKey IdKey { get; }

    public IReadOnlyList<RsaSecurityKey> Retired { get; }

    /// <summary>Every key the JWKS publishes, current ones first.</summary>
    public IEnumerable<RsaSecurityKey> Published => new[] { AccessKey, IdKey }.Concat(Retired);

    public static SigningKeys Create() => new(NewKey(), NewKey(), []);

    public SigningKeys Rotate(bool keepPrevious) =>
        new(NewKey(), NewKey(), keepPrevious ? [AccessKey, IdKey, .. Retired] : []);

    public SigningKeys WithoutRetired() => new(AccessKey, IdKey, []);

    private static RsaSecurityKey NewKey()
    {
        return new RsaSecurityKey(RSA.Create(2048)) { KeyId = RandomStrings.KeyId() };
    }
}
