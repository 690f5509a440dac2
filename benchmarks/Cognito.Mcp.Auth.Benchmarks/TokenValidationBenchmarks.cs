using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Cognito.Mcp.Auth.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Benchmarks;

/// <summary>
/// One Cognito-shaped access token (RS256, RSA-2048, M2M claims) validated four ways, from the bare signature check
/// (the floor, and the baseline of the Ratio column) up to the library's whole path as ASP.NET Core runs it.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private LocalCognito _cognito = null!;
    private WebApplication _app = null!;
    private RSA _rsa = null!;
    private byte[] _signedBytes = [];
    private byte[] _signature = [];
    private JsonWebTokenHandler _handler = null!;
    private TokenValidationParameters _parameters = null!;
    private string _token = "";
    private string _authorization = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _cognito = await LocalCognito.StartWithDevelopmentPoolAsync();
        var pool = _cognito.DevelopmentPool!;
        _token = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, [LocalCognitoDevelopmentPool.ReadScope]);
        _authorization = "Bearer " + _token;

        // The floor: the published key, imported once, and the exact bytes RS256 signs.
        using var http = new HttpClient();
        var jwks = new JsonWebKeySet(await http.GetStringAsync(pool.JwksUri));
        var kid = new JsonWebToken(_token).Kid;
        var jwk = jwks.Keys.Single(k => k.Kid == kid);
        _rsa = RSA.Create(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) });
        var lastDot = _token.LastIndexOf('.');
        _signedBytes = Encoding.ASCII.GetBytes(_token[..lastDot]);
        _signature = Base64UrlEncoder.DecodeBytes(_token[(lastDot + 1)..]);
        Require(RsaVerifyData(), "RSA.VerifyData");
        Require(_rsa.KeySize == 2048, "an RSA-2048 key");

        // The library's host, warmed: discovery and JWKS fetched by the first request.
        _app = await BenchmarkHost.StartProtectedAsync(pool);
        Require((await CognitoMcpScheme_AuthenticateAsync()).Succeeded, "the CognitoMcp scheme");
        Require((await JwtBearerScheme_AuthenticateAsync()).Succeeded, "the JwtBearer scheme");

        // IdentityModel alone, with the library's own handler and validation parameters plus the published keys.
        var bearer = _app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(CognitoMcpAuthenticationDefaults.BearerScheme);
        _handler = (JsonWebTokenHandler)bearer.TokenHandlers.Single();
        _parameters = bearer.TokenValidationParameters.Clone();
        _parameters.IssuerSigningKeys = jwks.GetSigningKeys();
        Require((await _handler.ValidateTokenAsync(_token, _parameters)).IsValid, "JsonWebTokenHandler");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.StopAsync().GetAwaiter().GetResult();
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _cognito.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _rsa.Dispose();
    }

    /// <summary>The floor: one RS256 verification with a cached RSA-2048 key over header.payload.</summary>
    [Benchmark(Baseline = true)]
    public bool RsaVerifyData() => _rsa.VerifyData(_signedBytes, _signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>
    /// IdentityModel alone: parse, signature, issuer, lifetime, algorithm, and the claims identity, which IdentityModel
    /// builds lazily and JwtBearer always asks for (without it this would leave out the claims' cost).
    /// </summary>
    [Benchmark]
    public async Task<System.Security.Claims.ClaimsIdentity> JsonWebTokenHandler_ValidateTokenAsync() =>
        (await _handler.ValidateTokenAsync(_token, _parameters)).ClaimsIdentity;

    /// <summary>JwtBearer's handler with the library's options and events (CognitoMcp.Bearer).</summary>
    [Benchmark]
    public Task<AuthenticateResult> JwtBearerScheme_AuthenticateAsync() => AuthenticateAsync(CognitoMcpAuthenticationDefaults.BearerScheme);

    /// <summary>The library's whole path: the CognitoMcp scheme, which forwards to CognitoMcp.Bearer.</summary>
    [Benchmark]
    public Task<AuthenticateResult> CognitoMcpScheme_AuthenticateAsync() => AuthenticateAsync(CognitoMcpAuthenticationDefaults.AuthenticationScheme);

    /// <summary>What the two benchmarks above spend outside authentication: a request scope and an HttpContext.</summary>
    [Benchmark]
    public async Task<bool> ScopeAndHttpContextOnly()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        return context.Request.Headers.Authorization.Count == 1;
    }

    private async Task<AuthenticateResult> AuthenticateAsync(string scheme)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        return await context.AuthenticateAsync(scheme);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark set-up failed: {what} did not accept the token.");
        }
    }
}
