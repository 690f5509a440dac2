using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Tests.Framework;

/// <summary>
/// A small stand-in for a Cognito token endpoint on real loopback HTTP (Kestrel, 127.0.0.1:0): client_credentials
/// with client_secret_basic or client_secret_post, Cognito's error bodies, OIDC discovery under the issuer path, a
/// request counter, injected failures and a gate that holds requests. Used until LocalCognito's core is merged.
/// </summary>
public sealed class TokenClientFakeCognito : IAsyncDisposable
{
    public const string ClientId = "m2mclient0000000000000000a";
    public const string ClientSecret = "m2msecret0123456789abcdefghijklmnopqrstuvwxyzABCDE";
    public const string PoolId = "us-east-1_LocalPool";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string Secret, string[] Scopes)> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(HttpStatusCode Status, TimeSpan? RetryAfter)> _faults = new();
    private readonly TimeProvider _timeProvider;
    private volatile Gate? _gate;
    private int _tokenRequests;
    private int _issued;

    private TokenClientFakeCognito(WebApplication app, TimeProvider timeProvider)
    {
        _app = app;
        _timeProvider = timeProvider;
        _clients[ClientId] = (ClientSecret, ["my-api/read", "my-api/write"]);
    }

    public Uri Domain { get; private set; } = null!;

    public Uri TokenEndpoint => new(Domain, "/oauth2/token");

    public Uri Issuer => new(Domain, "/" + PoolId);

    /// <summary>Gets how many requests reached the token endpoint.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public static async Task<TokenClientFakeCognito> StartAsync(TimeProvider? timeProvider = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var cognito = new TokenClientFakeCognito(app, timeProvider ?? TimeProvider.System);
        app.MapPost("/oauth2/token", (Func<HttpContext, Task<IResult>>)cognito.TokenAsync);
        app.MapGet("/" + PoolId + "/.well-known/openid-configuration", (HttpContext _) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = cognito.Issuer.AbsoluteUri,
            ["token_endpoint"] = cognito.TokenEndpoint.AbsoluteUri,
            ["jwks_uri"] = cognito.Issuer.AbsoluteUri + "/.well-known/jwks.json",
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_basic", "client_secret_post" },
        }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cognito.Domain = new Uri(address);
        return cognito;
    }

    public void AddClient(string clientId, string clientSecret, params string[] scopes) => _clients[clientId] = (clientSecret, scopes);

    public void ResetRequests() => Interlocked.Exchange(ref _tokenRequests, 0);

    public void FailNextTokenRequests(int count, HttpStatusCode status, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue((status, retryAfter));
        }
    }

    /// <summary>Holds every token request until the returned gate is released.</summary>
    public Gate HoldTokenRequests() => _gate = new Gate(this);

    public async ValueTask DisposeAsync()
    {
        _gate?.Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (_gate is { } gate)
        {
            gate.Arrived();
            await gate.Released.WaitAsync(context.RequestAborted);
        }

        if (_faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Json(new { message = "injected failure" }, statusCode: (int)fault.Status);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["grant_type"] != "client_credentials")
        {
            return Error("unsupported_grant_type");
        }

        string? clientId = form["client_id"], secret = form["client_secret"];
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..])).Split(':', 2);
            clientId = Uri.UnescapeDataString(decoded[0]);
            secret = Uri.UnescapeDataString(decoded[1]);
        }

        if (clientId is null || !_clients.TryGetValue(clientId, out var client) || client.Secret != secret)
        {
            return Error("invalid_client");
        }

        var requested = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (requested.Any(s => !client.Scopes.Contains(s)))
        {
            return Error("invalid_scope");
        }

        var number = Interlocked.Increment(ref _issued);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = $"eyJraWQiOiJmYWtlIn0.{clientId}-{number}-{Guid.NewGuid():N}.c2ln",
            ["expires_in"] = (int)TokenLifetime.TotalSeconds,
            ["token_type"] = "Bearer",
        });
    }

    private static IResult Error(string error) => Results.Json(new { error }, statusCode: 400);

    public sealed class Gate
    {
        private readonly TokenClientFakeCognito _owner;
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Gate(TokenClientFakeCognito owner) => _owner = owner;

        internal Task Released => _released.Task;

        /// <summary>Completes when a request is being held.</summary>
        public Task RequestArrived => _arrived.Task;

        internal void Arrived() => _arrived.TrySetResult();

        public void Release()
        {
            Interlocked.CompareExchange(ref _owner._gate, null, this);
            _released.TrySetResult();
        }
    }
}
