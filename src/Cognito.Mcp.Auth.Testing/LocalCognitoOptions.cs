using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// Options for <see cref="LocalCognito.StartAsync(LocalCognitoOptions?, CancellationToken)"/>.
/// </summary>
public sealed class LocalCognitoOptions
{
    /// <summary>
    /// Gets or sets the IP address Kestrel listens on. Defaults to <c>127.0.0.1</c>: LocalCognito is a test double and
    /// must not be reachable from other machines unless you say so. The address also becomes the host of
    /// <see cref="LocalCognito.BaseUrl"/> and so of every issuer, so use an address clients can reach.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>
    /// Gets or sets the TCP port. Defaults to <c>0</c>, which lets the operating system pick a free port, so parallel
    /// tests never collide; the runnable host uses <see cref="LocalCognitoDevelopmentPool.DefaultPort"/>.
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// Gets or sets the clock used for the <c>iat</c>, <c>exp</c> and <c>auth_time</c> claims and for the expiry of
    /// codes and refresh tokens. Defaults to <see cref="TimeProvider.System"/>; pass a fake one to test expiry.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the logger factory for LocalCognito's own logs (never tokens or secrets). Defaults to
    /// <see langword="null"/>, which logs nothing.
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets the largest request body accepted, in bytes. Defaults to 64 KiB, far above any Cognito request;
    /// larger bodies are refused with a Cognito-shaped 400.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 64 * 1024;

    /// <summary>
    /// Gets or sets what the token endpoint does when a <c>client_credentials</c> request asks for a scope that exists
    /// in the pool but that the client may not use. AWS's token endpoint page contradicts itself: its <c>scope</c>
    /// parameter says such a scope "will be ignored at runtime", while its errors list <c>invalid_scope</c>. Defaults
    /// to <see cref="DisallowedScopeBehavior.Refuse"/> (<c>400 {"error":"invalid_scope"}</c>), which is what
    /// developers report from real pools for this grant; run the tests that depend on it against
    /// <see cref="DisallowedScopeBehavior.Drop"/> too, so code works whichever Cognito does. At
    /// <c>/oauth2/authorize</c> such scopes are always dropped, as its page says without contradiction.
    /// </summary>
    public DisallowedScopeBehavior DisallowedClientCredentialsScopes { get; set; } = DisallowedScopeBehavior.Refuse;

    /// <summary>
    /// Gets or sets a value indicating whether the pools' OAuth domains get an origin of their own, as in Cognito, where
    /// the issuer (discovery, JWKS, the management API) is <c>https://cognito-idp.{region}.amazonaws.com</c> and the
    /// domain (<c>/oauth2/*</c>, <c>/login</c>, <c>/logout</c>) <c>https://{prefix}.auth.{region}.amazoncognito.com</c>.
    /// When <see langword="true"/>, LocalCognito listens on a second port, <see cref="DomainPort"/>: the domain origin,
    /// <see cref="LocalCognito.DomainBaseUrl"/>, serves only <c>/domain/{prefix}/…</c>, and the issuer origin,
    /// <see cref="LocalCognito.BaseUrl"/>, everything else; each answers 404 for the other's paths, so code that builds
    /// one origin from the other fails its tests. Defaults to <see langword="false"/> (one origin) so existing setups
    /// keep working. <see cref="Host"/> must then be an IP address.
    /// </summary>
    public bool SeparateOrigins { get; set; }

    /// <summary>
    /// Gets or sets the TCP port of the domain origin when <see cref="SeparateOrigins"/> is set. Defaults to <c>0</c>, a
    /// free port chosen by the operating system; ignored otherwise.
    /// </summary>
    public int DomainPort { get; set; }

    /// <summary>
    /// Gets or sets the certificate that makes every listener https, as Cognito's endpoints are. Defaults to
    /// <see langword="null"/>: plain http, which every client accepts. Create one with
    /// <see cref="LocalCognitoCertificates.CreateSelfSigned"/> and trust exactly that certificate in the clients under
    /// test (<see cref="LocalCognitoCertificates.CreateHandler"/>), never by turning certificate validation off, so
    /// code that relaxes its https requirement too broadly is caught.
    /// </summary>
    public X509Certificate2? Certificate { get; set; }
}
