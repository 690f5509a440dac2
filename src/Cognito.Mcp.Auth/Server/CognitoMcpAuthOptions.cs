using System.Diagnostics.CodeAnalysis;

namespace Cognito.Mcp.Auth;

/// <summary>
/// Settings of <c>AddCognitoMcpAuth()</c>: which Cognito user pool issues the access tokens an MCP server accepts, which
/// app clients and scopes it accepts, and how the server describes itself in its RFC 9728 metadata. Bound from the
/// <c>Cognito</c> configuration section by default; every setting is validated when the application starts.
/// </summary>
public sealed class CognitoMcpAuthOptions
{
    /// <summary>
    /// Gets or sets the AWS region of the user pool, e.g. <c>us-east-1</c>. Default <see langword="null"/>: the region
    /// prefix of <see cref="UserPoolId"/>, which is authoritative (the application's own AWS region, <c>AWS_REGION</c>,
    /// may differ and is not consulted). An
    /// explicit region that differs from the pool's own is a start-up error, because the issuer would never match.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// Gets or sets the user pool id, e.g. <c>us-east-1_AbCdEf123</c>. Required: it names the only issuer whose tokens
    /// are accepted.
    /// </summary>
    public string? UserPoolId { get; set; }

    /// <summary>
    /// Gets or sets the app client ids whose access tokens are accepted (the token's <c>client_id</c> claim). Cognito
    /// access tokens carry no <c>aud</c>, so this list is what ties a token to this server. Default empty, which is a
    /// start-up error unless <see cref="AllowAnyClientOfPool"/> is set: fail closed. When the configuration reloads, a
    /// changed list (and <see cref="AllowAnyClientOfPool"/>) takes effect without a restart; an invalid change is logged
    /// and ignored. The other settings are read once, at start-up.
    /// </summary>
    public IList<string> AllowedClientIds { get; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether tokens of every app client of the pool are accepted. Default
    /// <see langword="false"/>: any client someone adds to the pool later would otherwise gain access silently.
    /// </summary>
    public bool AllowAnyClientOfPool { get; set; }

    /// <summary>
    /// Gets or sets the identifier of the Cognito resource server that represents this MCP server, e.g. <c>my-api</c>.
    /// Default <see langword="null"/>. When set, scopes written without a resource-server prefix (<c>read</c>) in
    /// <see cref="RequiredScopes"/> and <see cref="RequireScopeAttribute"/> mean <c>my-api/read</c>.
    /// </summary>
    public string? ResourceServerIdentifier { get; set; }

    /// <summary>
    /// Gets the scopes of which a token must carry at least one to reach the MCP endpoint, e.g. <c>my-api/read</c>.
    /// Default empty, which is a start-up error: a Cognito pool usually serves many APIs, and a token for another of
    /// them must not open this one.
    /// </summary>
    public IList<string> RequiredScopes { get; } = [];

    /// <summary>
    /// Gets the scopes advertised as <c>scopes_supported</c> in the protected resource metadata. Default empty, meaning
    /// <see cref="RequiredScopes"/>: clients then ask for exactly what they need.
    /// </summary>
    public IList<string> ScopesSupported { get; } = [];

    /// <summary>
    /// Gets or sets the canonical URL of the MCP endpoint, e.g. <c>https://mcp.example.com/mcp</c>. Required: it is the
    /// <c>resource</c> of the RFC 9728 metadata, the base of the metadata URL in every challenge, and the only accepted
    /// <c>aud</c> when a token carries one. It is never derived from the request's Host header, which a caller controls.
    /// Plain <c>http</c> is accepted only for <c>localhost</c> and loopback addresses.
    /// </summary>
    public string? Resource { get; set; }

    /// <summary>
    /// Gets or sets the human-readable <c>resource_name</c> of the metadata. Default <see langword="null"/>: the
    /// application name.
    /// </summary>
    public string? ResourceName { get; set; }

    /// <summary>
    /// Gets or sets the tolerated clock difference when checking <c>exp</c> and <c>nbf</c>. Default 30 seconds: enough
    /// for ordinary clock drift, far less than JwtBearer's 5 minutes, which would keep expired tokens alive.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the expected issuer. Default <see langword="null"/>:
    /// <c>https://cognito-idp.{Region}.amazonaws.com/{UserPoolId}</c>, which is what Cognito issues. Set it only for
    /// LocalCognito (<c>http://127.0.0.1:9229/{UserPoolId}</c>); a loopback or <c>http</c> issuer is refused in every
    /// environment but Development unless <see cref="AllowLocalIssuer"/> is set.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a local emulator's issuer or metadata address (plain <c>http</c> or a
    /// loopback host, such as LocalCognito's) is accepted in an environment other than Development. Default
    /// <see langword="false"/>: an emulator trusted in Staging or Production would accept tokens that anyone on that
    /// machine can mint. Set it only for an integration-test environment.
    /// </summary>
    public bool AllowLocalIssuer { get; set; }

    /// <summary>
    /// Gets or sets where the issuer's OpenID configuration (and through it the JWKS) is fetched from. Default
    /// <see langword="null"/>: <c>{Issuer}/.well-known/openid-configuration</c>. Override it for FIPS or dual-stack
    /// Cognito endpoints. Must be <c>https</c> unless it is a loopback address.
    /// </summary>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// Gets or sets the largest accepted token, in characters. Default 16,384: Cognito access tokens are 1–4 KB even with
    /// many groups; anything far larger is refused before it is parsed.
    /// </summary>
    public int MaxTokenLength { get; set; } = 16 * 1024;

    /// <summary>
    /// Gets or sets how often the signing keys are refreshed in the background. Default 12 hours (JwtBearer's default):
    /// Cognito rarely rotates keys, and an unknown key id triggers an earlier refresh anyway.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Gets or sets the shortest time between two key refreshes caused by tokens with an unknown key id. Default 5
    /// minutes: a flood of forged key ids then costs at most one JWKS download per interval.
    /// </summary>
    public TimeSpan UnknownKeyRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the timeout of requests for the OpenID configuration and the JWKS. Default 10 seconds: a hung
    /// Cognito endpoint must not hold requests for JwtBearer's default of one minute.
    /// </summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets a callback that completes the RFC 9728 protected resource metadata before it is served, e.g. with
    /// <c>ResourceDocumentation</c>, <c>JwksUri</c>, <c>ResourcePolicyUri</c> or more <c>ScopesSupported</c>. It runs
    /// once, when the document is first built; it must not change <c>Resource</c>. Default <see langword="null"/>:
    /// <c>resource</c>, <c>authorization_servers</c>, <c>scopes_supported</c>, <c>bearer_methods_supported</c> and
    /// <c>resource_name</c> only. Set in code.
    /// </summary>
    public Action<ModelContextProtocol.Authentication.ProtectedResourceMetadata>? ConfigureMetadata { get; set; }

    /// <summary>
    /// Gets or sets the events raised while authenticating: a token validated, a challenge, a 403. Default: an instance
    /// that does nothing. Set in code (<c>AddCognitoMcpAuth(o => o.Events.OnTokenValidated = …)</c>).
    /// </summary>
    public CognitoMcpAuthEvents Events { get; set; } = new();

    /// <summary>
    /// Gets or sets a type derived from <see cref="CognitoMcpAuthEvents"/> to use instead of <see cref="Events"/>,
    /// created once from the application's services (register it there, or its constructor's dependencies). Default
    /// <see langword="null"/>: <see cref="Events"/> is used.
    /// </summary>
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)]
    public Type? EventsType { get; set; }

    /// <summary>
    /// Gets or sets the handler used for requests for the OpenID configuration and the JWKS. Default
    /// <see langword="null"/>: the framework's handler. Tests and proxies set it.
    /// </summary>
    public HttpMessageHandler? BackchannelHttpHandler { get; set; }
}
