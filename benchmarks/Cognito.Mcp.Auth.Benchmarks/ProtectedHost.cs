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
/// One started <see cref="BenchmarkHost"/> (so one validated-token cache, one signing-key manager), warmed with a
/// token of its own so that the OpenID configuration and the JWKS are fetched before anything is measured, and the
/// counter of its cache's hits and misses from then on.
/// </summary>
internal sealed class ProtectedHost : IAsyncDisposable
{
    private long _hitsAtStart;
    private long _missesAtStart;

    private ProtectedHost(WebApplication app, ValidatedTokenCacheCounter cache)
    {
        App = app;
        Cache = cache;
    }

    public WebApplication App { get; }

    private ValidatedTokenCacheCounter Cache { get; }

    /// <summary>Validations this host's cache answered since the warm-up.</summary>
    public long CacheHits => Cache.Hits - _hitsAtStart;

    /// <summary>Validations this host verified in full since the warm-up.</summary>
    public long CacheMisses => Cache.Misses - _missesAtStart;

    /// <summary>The JwtBearer scheme's options, as the library configured them.</summary>
    public JwtBearerOptions BearerOptions => App.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(CognitoMcpAuthenticationDefaults.BearerScheme);

    /// <summary>The library's token handler (the validated-token cache in front of IdentityModel).</summary>
    public JsonWebTokenHandler TokenHandler => (JsonWebTokenHandler)BearerOptions.TokenHandlers.Single();

    public static async Task<ProtectedHost> StartAsync(TokenPool tokens)
    {
        var app = await BenchmarkHost.StartProtectedAsync(tokens.Pool);
        var cache = new ValidatedTokenCacheCounter(app);
        var warmUp = tokens.Pool.IssueAccessToken(Testing.LocalCognitoDevelopmentPool.M2MClientId, [Testing.LocalCognitoDevelopmentPool.ReadScope]);
        var host = new ProtectedHost(app, cache);
        if (!(await host.AuthenticateAsync(CognitoMcpAuthenticationDefaults.AuthenticationScheme, "Bearer " + warmUp)).Succeeded)
        {
            throw new InvalidOperationException("Benchmark set-up failed: the CognitoMcp scheme refused a fresh token.");
        }

        host._hitsAtStart = cache.Hits;
        host._missesAtStart = cache.Misses;
        return host;
    }

    /// <summary>IdentityModel's parameters as JwtBearer hands them to the token handler, with the published keys.</summary>
    public TokenValidationParameters ValidationParameters(JsonWebKeySet jwks)
    {
        var parameters = BearerOptions.TokenValidationParameters.Clone();
        parameters.IssuerSigningKeys = jwks.GetSigningKeys();
        return parameters;
    }

    /// <summary>What a request does to authenticate: a request scope, an HttpContext with the header, the scheme.</summary>
    public async Task<AuthenticateResult> AuthenticateAsync(string scheme, string authorization)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = authorization;
        return await context.AuthenticateAsync(scheme);
    }

    public async ValueTask DisposeAsync()
    {
        Cache.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
