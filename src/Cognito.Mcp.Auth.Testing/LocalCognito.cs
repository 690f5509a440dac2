using Cognito.Mcp.Auth.Testing.Endpoints;
using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// An offline Amazon Cognito on loopback: discovery, JWKS, the OAuth endpoints of each pool's domain, managed login
/// and the management API, with fault injection and request counters. For tests and local development only.
/// </summary>
/// <example>
/// <code>
/// await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync();
/// var pool = cognito.DevelopmentPool!;
/// var token = pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, ["my-api/read"]);
/// </code>
/// </example>
public sealed class LocalCognito : IAsyncDisposable
{
    private WebApplication? _app;

    private LocalCognito(LocalCognitoOptions options)
    {
        Options = options;
        LoggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("Cognito.Mcp.Auth.Testing.LocalCognito");
        Pools = new UserPoolRegistry(options.TimeProvider, Logger);
    }

    /// <summary>
    /// Gets the issuer origin LocalCognito listens on, e.g. <c>http://127.0.0.1:41234/</c> (<c>https</c> with a
    /// <see cref="LocalCognitoOptions.Certificate"/>): discovery, JWKS, the management API and <c>/health</c>.
    /// </summary>
    public Uri BaseUrl => new(BaseAddress + "/");

    /// <summary>Gets the issuer origin without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>; issuers start with it.</summary>
    public string BaseAddress => Pools.BaseAddress;

    /// <summary>
    /// Gets the origin that serves the pools' OAuth domains (<c>/domain/{prefix}/…</c>), e.g.
    /// <c>https://127.0.0.1:41235/</c>: a second listener with <see cref="LocalCognitoOptions.SeparateOrigins"/>,
    /// otherwise the same as <see cref="BaseUrl"/>.
    /// </summary>
    public Uri DomainBaseUrl => new(DomainBaseAddress + "/");

    /// <summary>Gets <see cref="DomainBaseUrl"/> without a trailing slash; every <see cref="LocalUserPool.DomainUrl"/> starts with it.</summary>
    public string DomainBaseAddress => Pools.DomainBaseAddress;

    /// <summary>Gets the management API's endpoint (AWS CLI <c>--endpoint-url</c>): the same as <see cref="BaseUrl"/>.</summary>
    public Uri ManagementEndpoint => BaseUrl;

    /// <summary>Gets the development pool when started with <see cref="StartWithDevelopmentPoolAsync"/>, else <see langword="null"/>.</summary>
    public LocalUserPool? DevelopmentPool { get; private set; }

    /// <summary>Gets the fault injection switches.</summary>
    public LocalCognitoFaults Faults { get; } = new();

    /// <summary>Gets the per-endpoint request counters.</summary>
    public LocalCognitoRequestCounts Requests { get; } = new();

    /// <summary>Gets every user pool.</summary>
    public IReadOnlyCollection<LocalUserPool> UserPools => Pools.All;

    internal LocalCognitoOptions Options { get; }

    /// <summary>The pools: the model the endpoints and the management API serve.</summary>
    internal UserPoolRegistry Pools { get; }

    /// <summary>False while the server listens but the development pool is still being seeded: /health answers 503.</summary>
    internal bool IsReady { get => Volatile.Read(ref _isReady); private set => Volatile.Write(ref _isReady, value); }

    private bool _isReady;

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    /// <summary>
    /// Starts LocalCognito on <see cref="LocalCognitoOptions.Host"/>:<see cref="LocalCognitoOptions.Port"/> (127.0.0.1, a
    /// free port by default), and on <see cref="LocalCognitoOptions.DomainPort"/> too with
    /// <see cref="LocalCognitoOptions.SeparateOrigins"/>.
    /// </summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started instance; dispose it to stop.</returns>
    public static async Task<LocalCognito> StartAsync(LocalCognitoOptions? options = null, CancellationToken cancellationToken = default)
    {
        var cognito = await StartUnreadyAsync(options, cancellationToken);
        cognito.IsReady = true;
        return cognito;
    }

    private static async Task<LocalCognito> StartUnreadyAsync(LocalCognitoOptions? options, CancellationToken cancellationToken)
    {
        var cognito = new LocalCognito(options ?? new LocalCognitoOptions());
        try
        {
            await cognito.StartServerAsync(cancellationToken);
        }
        catch
        {
            await cognito.DisposeAsync();
            throw;
        }

        return cognito;
    }

    /// <summary>
    /// Starts LocalCognito and seeds the deterministic development pool described by
    /// <see cref="LocalCognitoDevelopmentPool"/>, available as <see cref="DevelopmentPool"/>.
    /// </summary>
    /// <param name="options">The options, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started instance; dispose it to stop.</returns>
    public static async Task<LocalCognito> StartWithDevelopmentPoolAsync(LocalCognitoOptions? options = null, CancellationToken cancellationToken = default)
    {
        var cognito = await StartUnreadyAsync(options, cancellationToken);
        cognito.DevelopmentPool = DevelopmentPoolSeeder.Seed(cognito.Pools);
        cognito.IsReady = true;
        return cognito;
    }

    /// <summary>Creates a user pool with a random id such as <c>us-east-1_AbCdEf123</c>.</summary>
    /// <param name="name">The pool's name.</param>
    /// <param name="region">The region the id starts with.</param>
    /// <returns>The pool.</returns>
    public LocalUserPool CreateUserPool(string name, string region = "us-east-1") =>
        Pools.Create(name, region);

    /// <summary>Gets a user pool by id.</summary>
    /// <param name="userPoolId">The pool id.</param>
    /// <returns>The pool.</returns>
    /// <exception cref="LocalCognitoException">No such pool (<c>ResourceNotFoundException</c>).</exception>
    public LocalUserPool GetUserPool(string userPoolId) => Pools.Get(userPoolId);

    /// <summary>Finds a user pool by id.</summary>
    /// <param name="userPoolId">The pool id.</param>
    /// <returns>The pool, or <see langword="null"/>.</returns>
    public LocalUserPool? FindUserPool(string userPoolId) => Pools.Find(userPoolId);

    /// <summary>Deletes a user pool (its domain must be deleted first, like Cognito).</summary>
    /// <param name="userPoolId">The pool id.</param>
    /// <exception cref="LocalCognitoException"><c>ResourceNotFoundException</c> or <c>InvalidParameterException</c>.</exception>
    public void DeleteUserPool(string userPoolId) => Pools.Delete(userPoolId);

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            Faults.Reset();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Returns the base address, and the domain origin when it is separate.</summary>
    /// <returns>For example <c>LocalCognito http://127.0.0.1:41234</c>.</returns>
    public override string ToString() =>
        !Options.SeparateOrigins ? $"LocalCognito {BaseAddress}" : $"LocalCognito {BaseAddress} (domains {DomainBaseAddress})";

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(LoggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddRoutingCore();
        builder.Services.AddCors();
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        var listeners = new Listeners(Options);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Options.MaxRequestBodySize;
            listeners.Configure(kestrel);
        });
        if (Options.Certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        listeners.UseUrlsIfNeeded(builder.WebHost);

        var app = builder.Build();
        app.UseMiddleware<UnexpectedFailureMiddleware>(Logger);
        if (Options.SeparateOrigins)
        {
            app.UseMiddleware<OriginSeparationMiddleware>(listeners);
        }

        app.UseCors();
        app.MapLocalCognito(Pools, Faults, Requests, Options.DisallowedClientCredentialsScopes, Logger);
        app.MapMethods("/health", [HttpMethods.Get], context =>
        {
            // Healthy only once seeded, so scripts that wait for /health never race the development pool.
            context.Response.StatusCode = IsReady ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            return context.Response.WriteAsync(IsReady ? "Healthy" : "Starting", context.RequestAborted);
        });
        _app = app;
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Pools.BaseAddress = listeners.IssuerAddress(addresses);
        Pools.DomainBaseAddress = listeners.DomainAddress(addresses) ?? BaseAddress;
        Log.Started(Logger, BaseAddress);
        if (Options.SeparateOrigins)
        {
            Log.DomainOriginStarted(Logger, DomainBaseAddress);
        }
    }
}
