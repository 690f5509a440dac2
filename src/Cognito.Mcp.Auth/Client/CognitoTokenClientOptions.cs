namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// Options of one Cognito token client (the OAuth 2.0 <c>client_credentials</c> grant). Give exactly one way to find
/// the token endpoint: <see cref="TokenEndpoint"/>, <see cref="Domain"/>, <see cref="DomainPrefix"/> with
/// <see cref="Region"/>, or <see cref="McpServerUrl"/>. Options are read through <c>IOptionsMonitor</c>, so a changed
/// secret is used by the next request to Cognito without a restart.
/// </summary>
public sealed class CognitoTokenClientOptions
{
    /// <summary>
    /// Gets or sets the full URL of the token endpoint, e.g. <c>https://auth.example.com/oauth2/token</c>.
    /// Default <see langword="null"/>: most applications give the domain instead.
    /// </summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>
    /// Gets or sets the base URL of the user pool's custom domain, e.g. <c>https://auth.example.com</c>; the token
    /// endpoint is <c>{Domain}/oauth2/token</c>. Default <see langword="null"/>: a prefix domain is more common.
    /// </summary>
    public Uri? Domain { get; set; }

    /// <summary>
    /// Gets or sets the prefix of the user pool's Cognito domain (<c>my-pool</c> in
    /// <c>https://my-pool.auth.us-east-1.amazoncognito.com</c>); needs <see cref="Region"/>.
    /// Default <see langword="null"/>: there is no sensible default prefix.
    /// </summary>
    public string? DomainPrefix { get; set; }

    /// <summary>
    /// Gets or sets the AWS region of the user pool, e.g. <c>us-east-1</c>; used with <see cref="DomainPrefix"/>.
    /// Default <see langword="null"/>: with a <see cref="DomainPrefix"/>, the region of the standard AWS configuration
    /// (<c>AWS:Region</c>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>, the profile's region), never a guess.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Gets or sets the URL of an MCP server whose RFC 9728 protected resource metadata names the authorization
    /// server; the token endpoint is then discovered from that server's metadata (RFC 8414, then OpenID Connect
    /// discovery). Default <see langword="null"/>: an explicit endpoint is cheaper and needs no discovery.
    /// </summary>
    public Uri? McpServerUrl { get; set; }

    /// <summary>
    /// Gets or sets the issuer of the user pool this client belongs to, e.g.
    /// <c>https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123</c>. Used only with
    /// <see cref="McpServerUrl"/>: the MCP server must name this issuer as its authorization server, and the token
    /// endpoint is taken from this issuer's own metadata, so a hostile MCP server cannot redirect the client secret.
    /// Default <see langword="null"/>: derived from <see cref="UserPoolId"/> when that is set; otherwise only token
    /// endpoints on Cognito domains or in <see cref="AllowedTokenEndpointHosts"/> are trusted.
    /// </summary>
    public Uri? ExpectedIssuer { get; set; }

    /// <summary>
    /// Gets or sets the id of the user pool this client belongs to, e.g. <c>us-east-1_AbCdEf123</c>; with
    /// <see cref="McpServerUrl"/> it sets <see cref="ExpectedIssuer"/> to
    /// <c>https://cognito-idp.{region}.amazonaws.com/{UserPoolId}</c>. Default <see langword="null"/>.
    /// </summary>
    public string? UserPoolId { get; set; }

    /// <summary>
    /// Gets the host names to which a token endpoint discovered through <see cref="McpServerUrl"/> may belong, besides
    /// Cognito's own prefix domains (<c>*.auth.{region}.amazoncognito.com</c>, which only AWS operates): your custom
    /// domain (<c>auth.example.com</c>), a wildcard (<c>*.example.com</c>), or <c>127.0.0.1</c> for LocalCognito.
    /// Default empty: the client secret goes to no other host, whatever an MCP server's metadata says.
    /// </summary>
    public IList<string> AllowedTokenEndpointHosts { get; } = new List<string>();

    /// <summary>Gets or sets the app client id. Required; default <see langword="null"/>.</summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Gets or sets the app client secret (client_credentials requires a confidential client). Required; default
    /// <see langword="null"/>. Keep it out of source control; it may be changed at run time (rotation).
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Gets the scopes requested when a caller names none, e.g. <c>my-api/read</c>. Default empty, which is a start-up
    /// error: without a scope Cognito would grant every scope the app client holds, and least privilege means asking
    /// only for what is needed. Never taken from an MCP server's challenge, which could ask for another API's scope.
    /// </summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>
    /// Gets or sets how the client authenticates to the token endpoint. Default
    /// <see cref="CognitoClientAuthentication.ClientSecretBasic"/>, the method RFC 6749 asks servers to support.
    /// </summary>
    public CognitoClientAuthentication ClientAuthentication { get; set; } = CognitoClientAuthentication.ClientSecretBasic;

    /// <summary>
    /// Gets or sets how long before its expiry a cached token is replaced, so callers never get a token that expires in
    /// flight. Default 60 seconds, which covers clock skew and slow requests. For short-lived tokens at most half the
    /// lifetime is used.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Gets or sets how many times a failed token request is retried (5xx, 408, 429, network errors and timeouts;
    /// never OAuth errors such as <c>invalid_client</c>). Default 3; 0 turns retries off.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>
    /// Gets or sets the base delay of the jittered exponential backoff between retries. Default 1 second, enough for
    /// a transient fault to clear without keeping callers waiting long.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets the longest wait between two attempts, including a server's <c>Retry-After</c>. Default 30
    /// seconds: a caller waiting longer is better served by an error.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the timeout of one attempt at the token endpoint (a timed-out attempt is retried). Default 10
    /// seconds: Cognito answers in well under a second when healthy.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets how long a token endpoint discovered from <see cref="McpServerUrl"/> is kept before discovery runs
    /// again. Default 1 hour: metadata rarely changes, and a failed discovery is never cached.
    /// </summary>
    public TimeSpan DiscoveryCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how long this process waits, when another process holds the <see cref="ICognitoTokenRequestLock"/>
    /// for the same token, for that process's token to appear in the distributed cache before requesting its own.
    /// Used only when a lock is registered. Default 10 seconds: a healthy Cognito answers in well under a second, and a
    /// wait that runs out ends in a token request of this process, never in a failed call.
    /// </summary>
    public TimeSpan LockWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The configuration path these options were bound from (e.g. <c>Cognito</c>), used to name settings in error
    /// messages; <see langword="null"/> when they were set in code.
    /// </summary>
    internal string? ConfigurationPath { get; set; }
}
