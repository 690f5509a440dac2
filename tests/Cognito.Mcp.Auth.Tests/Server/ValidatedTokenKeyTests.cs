using Cognito.Mcp.Auth.Server.Internal;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>The validated-token cache's key hashes only the signature's end, but must still tell every token apart.</summary>
public sealed class ValidatedTokenKeyTests
{
    private const string Signature = "c2lnbmF0dXJlLW9mLXRoZS10b2tlbi10aGF0LWlzLWxvbmctZW5vdWdo";

    [Fact]
    public void Tokens_with_the_same_signature_and_another_payload_are_different_keys()
    {
        var remembered = new ValidatedTokenKey("eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6InJlYWQifQ." + Signature);
        var tampered = new ValidatedTokenKey("eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6IndyaXRlIn0." + Signature);

        Assert.Equal(remembered.GetHashCode(), tampered.GetHashCode());
        Assert.False(remembered.Equals(tampered));
        Assert.False(remembered.Equals((object)tampered));
    }

    [Fact]
    public void The_same_token_is_the_same_key()
    {
        var token = "eyJhbGciOiJSUzI1NiJ9.eyJzY29wZSI6InJlYWQifQ." + Signature;

        Assert.True(new ValidatedTokenKey(token).Equals((object)new ValidatedTokenKey(string.Concat(token.AsSpan(0, 10), token.AsSpan(10)))));
    }

    [Fact]
    public void A_token_shorter_than_the_hashed_end_is_a_key_too()
    {
        Assert.True(new ValidatedTokenKey("a.b.c").Equals(new ValidatedTokenKey("a.b.c")));
        Assert.False(new ValidatedTokenKey("a.b.c").Equals(new ValidatedTokenKey("a.b.d")));
    }
}
