namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The key of a remembered token: the whole token string, compared in full, with a hash of its last
/// <see cref="HashedLength"/> characters only (the end of the RS256 signature). Hashing all ~800 characters, twice per
/// first-seen token (lookup, then insertion), cost about a microsecond. The signature's end is as unpredictable as
/// the whole: only validated tokens are remembered, so nobody can fill the cache with keys of one hash, and the hash is
/// the runtime's randomized string hash.
/// </summary>
internal readonly struct ValidatedTokenKey : IEquatable<ValidatedTokenKey>
{
    private const int HashedLength = 32;

    private readonly int _hash;

    public ValidatedTokenKey(string token)
    {
        Token = token;
        _hash = string.GetHashCode(token.AsSpan(Math.Max(0, token.Length - HashedLength)));
    }

    public string Token { get; }

    public bool Equals(ValidatedTokenKey other) => _hash == other._hash && string.Equals(Token, other.Token, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ValidatedTokenKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
