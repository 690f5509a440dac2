using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Cognito.Mcp.Auth.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// Distinct access tokens, all shaped like Cognito's M2M tokens (RS256, RSA-2048, <c>kid</c>, <c>token_use</c>,
/// <c>client_id</c>, <c>scope</c>) and signed with the same key of one LocalCognito pool; each has its own
/// <c>jti</c>, so no two are equal. Minted once per process, before anything is measured: a token costs one RSA
/// signature, about 30 verifications, too much to mint per benchmark. Every benchmark that must see each token for the
/// first time walks this pool through its own <see cref="TokenCursor"/> against its own host (its own validated-token
/// cache), so sharing the tokens between benchmarks never makes one a repeat for a cache.
/// </summary>
internal sealed class TokenPool
{
    private static readonly Lock Gate = new();
    private static TokenPool? _shared;

    private TokenPool(LocalCognito cognito, string[] tokens, TimeSpan minting)
    {
        Cognito = cognito;
        Tokens = tokens;
        Authorizations = [.. tokens.Select(t => "Bearer " + t)];
        SigningInputs = [.. tokens.Select(t => Encoding.ASCII.GetBytes(t[..t.LastIndexOf('.')]))];
        Signatures = [.. tokens.Select(t => Base64UrlEncoder.DecodeBytes(t[(t.LastIndexOf('.') + 1)..]))];
        Minting = minting;
        if (tokens.Distinct(StringComparer.Ordinal).Count() != tokens.Length)
        {
            throw new InvalidOperationException("The token pool holds the same token twice; first-seen benchmarks would hit a cache.");
        }
    }

    /// <summary>How many tokens the pool mints; set before the first benchmark asks for it (Program sizes it to the run).</summary>
    public static int Size { get; set; } = 2_000;

    /// <summary>The pool of this process, minted on first use.</summary>
    public static TokenPool Shared
    {
        get
        {
            lock (Gate)
            {
                return _shared ??= Mint(Size);
            }
        }
    }

    /// <summary>The emulator whose development pool signed the tokens (and whose JWKS every host trusts).</summary>
    public LocalCognito Cognito { get; }

    public LocalUserPool Pool => Cognito.DevelopmentPool!;

    public IReadOnlyList<string> Tokens { get; }

    /// <summary><c>Bearer {token}</c> for each token, built here so no benchmark pays for the concatenation.</summary>
    public IReadOnlyList<string> Authorizations { get; }

    /// <summary>The bytes RS256 signs (<c>header.payload</c>, ASCII) for each token.</summary>
    public IReadOnlyList<byte[]> SigningInputs { get; }

    /// <summary>The decoded signature of each token.</summary>
    public IReadOnlyList<byte[]> Signatures { get; }

    public TimeSpan Minting { get; }

    /// <summary>A cursor at the first token: each <see cref="TokenCursor.Next"/> gives a token this cursor never gave.</summary>
    public TokenCursor FirstSeen(string user) => new(Tokens.Count, user);

    /// <summary>The published key of the tokens' <c>kid</c>, imported once: the floor's key.</summary>
    public RSA ImportPublicKey(JsonWebKeySet jwks)
    {
        var kid = new JsonWebToken(Tokens[0]).Kid;
        var jwk = jwks.Keys.Single(k => k.Kid == kid);
        return RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) });
    }

    /// <summary>Stops the emulator; the process is about to end.</summary>
    public static void DisposeShared()
    {
        lock (Gate)
        {
            _shared?.Cognito.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _shared = null;
        }
    }

    private static TokenPool Mint(int size)
    {
        var cognito = LocalCognito.StartWithDevelopmentPoolAsync().GetAwaiter().GetResult();
        var clock = Stopwatch.StartNew();
        var tokens = new string[size];
        for (var i = 0; i < size; i++)
        {
            tokens[i] = cognito.DevelopmentPool!.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, [LocalCognitoDevelopmentPool.ReadScope]);
        }

        var pool = new TokenPool(cognito, tokens, clock.Elapsed);
        Console.WriteLine($"// Token pool: {size:N0} distinct tokens of {tokens[0].Length} characters minted in {pool.Minting.TotalSeconds:0.0} s.");
        return pool;
    }
}
