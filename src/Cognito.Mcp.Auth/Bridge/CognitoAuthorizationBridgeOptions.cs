namespace Cognito.Mcp.Auth;

/// <summary>
/// Settings of the authorization bridge: the MCP server becomes the OAuth authorization server its interactive clients
/// see (RFC 8414 metadata, client registration, authorize with PKCE and consent, token), while users sign in at
/// Cognito's managed login through one confidential app client. Bound from <c>Cognito:AuthorizationBridge</c> by
/// default and validated at start-up; docs/interactive-clients.md explains the flow.
/// </summary>
public sealed class CognitoAuthorizationBridgeOptions
{
    /// <summary>
    /// Gets or sets the id of the bridge's Cognito app client: a confidential client (with a secret) allowed the
    /// authorization code grant, this server's scopes, and the callback URL <c>{Issuer}/oauth/callback</c>. Required.
    /// Its tokens are the ones clients finally hold, so it is added to <c>Cognito:AllowedClientIds</c> automatically.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the secret of <see cref="ClientId"/>. Required; never sent to an MCP client.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Gets or sets the bridge's issuer identifier, e.g. <c>https://mcp.example.com</c>: its endpoints live below it
    /// and its metadata at <c>/.well-known/oauth-authorization-server</c> plus the issuer's path. Default
    /// <see langword="null"/>: the parent of <c>Cognito:Resource</c> (<c>https://example.com/calc/mcp</c> gives
    /// <c>https://example.com/calc</c>), the application's public base when the MCP endpoint is mapped at <c>/mcp</c>.
    /// Set it when the MCP endpoint is mapped elsewhere.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Gets or sets the authentication scheme whose user pool and resource the bridge serves. Default <c>CognitoMcp</c>,
    /// the scheme of <c>AddCognitoMcpAuth()</c>.
    /// </summary>
    public string AuthenticationScheme { get; set; } = CognitoMcpAuthenticationDefaults.AuthenticationScheme;

    /// <summary>
    /// Gets or sets a value indicating whether clients may register with RFC 7591 dynamic client registration.
    /// Default <see langword="true"/>: the MCP 2026-07-28 profile deprecates it in favour of client ID metadata
    /// documents, but VS Code, Cursor, MCP Inspector and the SDKs still depend on it.
    /// </summary>
    public bool DynamicClientRegistration { get; set; } = true;

    /// <summary>
    /// Gets or sets a value indicating whether an https client id is read as a client ID metadata document URL.
    /// Default <see langword="true"/>: the registration the MCP profile prefers. Documents are fetched with SSRF
    /// defences (https only, public addresses only outside Development, 5 KiB, 5 s, cached).
    /// </summary>
    public bool ClientIdMetadataDocuments { get; set; } = true;

    /// <summary>
    /// Gets or sets how long a dynamic registration lives after its last use. Default 30 days: registrations cost
    /// storage and anyone may create them, so unused ones expire; the client simply registers again.
    /// </summary>
    public TimeSpan RegistrationLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets or sets how many registrations one IP address (an IPv6 /64) may make per minute; ten times as many from
    /// all addresses together. Default 10: enough for any real client, too few to fill the store.
    /// </summary>
    public int RegistrationsPerMinute { get; set; } = 10;

    /// <summary>
    /// Gets or sets how many authorizations one IP address (an IPv6 /64) may start per minute; ten times as many from
    /// all addresses together. Default 30: each one stores a pending entry, and a person signs in a few times a day.
    /// </summary>
    public int AuthorizationsPerMinute { get; set; } = 30;

    /// <summary>
    /// Gets or sets how long a user has to consent and sign in once a client starts an authorization. Default
    /// 10 minutes.
    /// </summary>
    public TimeSpan AuthorizationLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets how long an authorization code handed to a client stays redeemable. Default 1 minute: clients
    /// redeem it at once, and RFC 6749 asks for a short lifetime.
    /// </summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets the longest life of a refresh token the bridge hands out. Default 30 days, Cognito's default; a
    /// refresh also fails once Cognito's own refresh token (held by the bridge) expires.
    /// </summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Gets or sets how long a user's consent to a client is remembered in that browser. Default 30 days.
    /// </summary>
    public TimeSpan ConsentLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Gets the look of the consent page: name, logo, stylesheet.</summary>
    public ConsentPageOptions ConsentPage { get; } = new();

    /// <summary>
    /// Gets or sets the timeout of each request to Cognito's token and revocation endpoints. Default 10 seconds.
    /// </summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
