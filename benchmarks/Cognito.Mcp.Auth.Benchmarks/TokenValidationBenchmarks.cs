using System.Security.Claims;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// Cognito-shaped access tokens (<see cref="TokenPool"/>) validated in layers, from the bare RS256 verification (the
/// floor, the baseline of the Ratio column) to the library's whole path as ASP.NET Core runs it. A <c>FirstSeen</c>
/// benchmark validates, on every call, a token that no earlier call of that benchmark validated, against a host of its
/// own: no cache of this library, JwtBearer or IdentityModel can answer it. A <c>SameToken</c> benchmark validates one
/// token again and again, as an M2M client's requests do. <see cref="Includes"/> says what each one measures; the run
/// prints it, and <c>GlobalCleanup</c> prints each host's cache hits and misses (first-seen: 0 hits, or the run fails).
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    /// <summary>What each benchmark includes, printed with the results.</summary>
    public static readonly IReadOnlyList<(string Name, string Includes)> Includes =
    [
        (nameof(RsaVerifyData_Floor), "one RSA.VerifyData (SHA-256, PKCS#1 v1.5) over a new token's header.payload bytes, key imported once: the irreducible cost of RS256"),
        (nameof(IdentityModel_FirstSeen), "a plain JsonWebTokenHandler (MapInboundClaims off) with the library's TokenValidationParameters and the published keys, a new token each call: base64url and JSON parsing, signature, issuer, lifetime, algorithm, and the ClaimsIdentity (IdentityModel builds it lazily; JwtBearer always asks)"),
        (nameof(IdentityModel_SameToken), "the same, with one token every call: equal to the line above, which shows IdentityModel keeps no cache of validated tokens"),
        (nameof(LibraryTokenHandler_FirstSeen), "the library's token handler (ValidatedTokenCache) alone, a new token each call: cache lookup (a miss), Cognito shape check, IdentityModel as above, the Cognito rules, remembering the token"),
        (nameof(JwtBearerScheme_FirstSeen), "HttpContext.AuthenticateAsync(\"CognitoMcp.Bearer\"), a new token each call: request scope and DefaultHttpContext, JwtBearer with the library's options and events (MessageReceived, the token handler above, TokenValidated: rules, principal, application events), the ticket"),
        (nameof(CognitoMcpScheme_FirstSeen), "the whole path, a new token each call: the CognitoMcp scheme, which forwards to the line above (the figure the 1.5x goal is about)"),
        (nameof(CognitoMcpScheme_SameToken), "the whole path with one token every call: the validated-token cache answers, the Cognito rules and principal still run"),
        (nameof(ScopeAndHttpContextOnly), "what the scheme benchmarks spend outside authentication: a request scope and a DefaultHttpContext with the header"),
    ];

    private TokenPool _tokens = null!;
    private RSA _rsa = null!;
    private JsonWebTokenHandler _identityModel = null!;
    private TokenValidationParameters _parameters = null!;
    private TokenValidationParameters _libraryParameters = null!;
    private ProtectedHost _handlerHost = null!;
    private ProtectedHost _bearerHost = null!;
    private ProtectedHost _wholeHost = null!;
    private ProtectedHost _repeatHost = null!;
    private string _repeatedToken = "";
    private string _repeatedAuthorization = "";

    private TokenCursor _floor = null!;
    private TokenCursor _identityModelCursor = null!;
    private TokenCursor _handlerCursor = null!;
    private TokenCursor _bearerCursor = null!;
    private TokenCursor _wholeCursor = null!;

    /// <summary>A warm-up instance checks its caches as well but prints nothing.</summary>
    internal bool IsWarmUp { get; init; }

    /// <summary>The fewest tokens any first-seen path has left.</summary>
    internal int TokensLeft => new[] { _floor, _identityModelCursor, _handlerCursor, _bearerCursor, _wholeCursor }.Min(c => c.Remaining);

    /// <summary>Problems the cleanup found (a cache hit on a first-seen path); the run exits non-zero if any.</summary>
    public static List<string> Violations { get; } = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _tokens = TokenPool.Shared;
        _floor = _tokens.FirstSeen(nameof(RsaVerifyData_Floor));
        _identityModelCursor = _tokens.FirstSeen(nameof(IdentityModel_FirstSeen));
        _handlerCursor = _tokens.FirstSeen(nameof(LibraryTokenHandler_FirstSeen));
        _bearerCursor = _tokens.FirstSeen(nameof(JwtBearerScheme_FirstSeen));
        _wholeCursor = _tokens.FirstSeen(nameof(CognitoMcpScheme_FirstSeen));
        _repeatedToken = _tokens.Pool.IssueAccessToken(Testing.LocalCognitoDevelopmentPool.M2MClientId, [Testing.LocalCognitoDevelopmentPool.ReadScope]);
        _repeatedAuthorization = "Bearer " + _repeatedToken;

        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(_tokens.Pool.JwksUri));
        _rsa = _tokens.ImportPublicKey(jwks);
        Require(_rsa.KeySize == 2048, "an RSA-2048 key");

        // One host per path that has a cache, so that no path sees a token another path validated.
        _handlerHost = await ProtectedHost.StartAsync(_tokens);
        _bearerHost = await ProtectedHost.StartAsync(_tokens);
        _wholeHost = await ProtectedHost.StartAsync(_tokens);
        _repeatHost = await ProtectedHost.StartAsync(_tokens);

        // IdentityModel alone: a handler of its own (not the library's, which caches), the library's parameters.
        _identityModel = new JsonWebTokenHandler { MapInboundClaims = false };
        _parameters = _wholeHost.ValidationParameters(jwks);
        _libraryParameters = _handlerHost.ValidationParameters(jwks);

        // Each path accepts a token (taken from its cursor, so never repeated later).
        Require(RsaVerifyData_Floor(), "RSA.VerifyData");
        Require((await IdentityModel_FirstSeen()).IsAuthenticated, "JsonWebTokenHandler");
        Require((await IdentityModel_SameToken()).IsAuthenticated, "JsonWebTokenHandler (same token)");
        Require((await LibraryTokenHandler_FirstSeen()).IsAuthenticated, "the library's token handler");
        Require((await JwtBearerScheme_FirstSeen()).Succeeded, "the JwtBearer scheme");
        Require((await CognitoMcpScheme_FirstSeen()).Succeeded, "the CognitoMcp scheme");
        Require((await CognitoMcpScheme_SameToken()).Succeeded, "the CognitoMcp scheme (same token)");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Report(nameof(LibraryTokenHandler_FirstSeen), _handlerHost, _handlerCursor.Used);
        Report(nameof(JwtBearerScheme_FirstSeen), _bearerHost, _bearerCursor.Used);
        Report(nameof(CognitoMcpScheme_FirstSeen), _wholeHost, _wholeCursor.Used);
        foreach (var host in new[] { _handlerHost, _bearerHost, _wholeHost, _repeatHost })
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        _rsa.Dispose();
    }

    /// <summary>The floor: see <see cref="Includes"/>.</summary>
    [Benchmark(Baseline = true)]
    public bool RsaVerifyData_Floor()
    {
        var i = _floor.Next();
        return _rsa.VerifyData(_tokens.SigningInputs[i], _tokens.Signatures[i], HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    /// <summary>IdentityModel alone, a new token each call: see <see cref="Includes"/>.</summary>
    [Benchmark]
    public async Task<ClaimsIdentity> IdentityModel_FirstSeen() =>
        (await _identityModel.ValidateTokenAsync(_tokens.Tokens[_identityModelCursor.Next()], _parameters)).ClaimsIdentity;

    /// <summary>IdentityModel alone, one token repeated: see <see cref="Includes"/>.</summary>
    [Benchmark]
    public async Task<ClaimsIdentity> IdentityModel_SameToken() =>
        (await _identityModel.ValidateTokenAsync(_repeatedToken, _parameters)).ClaimsIdentity;

    /// <summary>The library's token handler, a new token each call: see <see cref="Includes"/>.</summary>
    [Benchmark]
    public async Task<ClaimsIdentity> LibraryTokenHandler_FirstSeen() =>
        (await _handlerHost.TokenHandler.ValidateTokenAsync(_tokens.Tokens[_handlerCursor.Next()], _libraryParameters)).ClaimsIdentity;

    /// <summary>JwtBearer with the library's options and events, a new token each call: see <see cref="Includes"/>.</summary>
    [Benchmark]
    public Task<AuthenticateResult> JwtBearerScheme_FirstSeen() =>
        _bearerHost.AuthenticateAsync(CognitoMcpAuthenticationDefaults.BearerScheme, _tokens.Authorizations[_bearerCursor.Next()]);

    /// <summary>The library's whole path, a new token each call: see <see cref="Includes"/>.</summary>
    [Benchmark]
    public Task<AuthenticateResult> CognitoMcpScheme_FirstSeen() =>
        _wholeHost.AuthenticateAsync(CognitoMcpAuthenticationDefaults.AuthenticationScheme, _tokens.Authorizations[_wholeCursor.Next()]);

    /// <summary>The library's whole path, one token repeated: see <see cref="Includes"/>.</summary>
    [Benchmark]
    public Task<AuthenticateResult> CognitoMcpScheme_SameToken() =>
        _repeatHost.AuthenticateAsync(CognitoMcpAuthenticationDefaults.AuthenticationScheme, _repeatedAuthorization);

    /// <summary>Outside authentication: see <see cref="Includes"/>.</summary>
    [Benchmark]
    public async Task<bool> ScopeAndHttpContextOnly()
    {
        await using var scope = _wholeHost.App.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _repeatedAuthorization;
        return context.Request.Headers.Authorization.Count == 1;
    }

    private void Report(string benchmark, ProtectedHost host, int tokens)
    {
        if (tokens <= 1)
        {
            return; // Only the set-up's check ran on this path.
        }

        if (!IsWarmUp)
        {
            Console.WriteLine($"// {benchmark}: {tokens:N0} distinct tokens, each validated once; that host's validated-token cache: {host.CacheHits} hits, {host.CacheMisses} misses.");
        }

        if (host.CacheHits != 0 || host.CacheMisses != tokens)
        {
            lock (Violations)
            {
                Violations.Add($"{benchmark}: expected {tokens} cache misses and no hit, saw {host.CacheMisses} misses and {host.CacheHits} hits.");
            }
        }
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark set-up failed: {what} did not accept the token.");
        }
    }
}
