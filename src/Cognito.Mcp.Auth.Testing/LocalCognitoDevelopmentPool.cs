namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// The fixed values of the development pool that <see cref="LocalCognito.StartWithDevelopmentPoolAsync"/> and the
/// runnable host (<c>samples/LocalCognito</c>) seed, so samples and tests can hard-code them. Only the signing keys
/// differ between starts (they are generated fresh each time).
/// <para>
/// <b>FOR LOCAL DEVELOPMENT ONLY.</b> These ids, secrets and passwords are public, published in this package's source;
/// never configure them on a real Cognito user pool or accept tokens from this pool in production.
/// </para>
/// </summary>
public static class LocalCognitoDevelopmentPool
{
    /// <summary>The runnable host's default port: <c>9229</c> (development only).</summary>
    public const int DefaultPort = 9229;

    /// <summary>The pool id: <c>us-east-1_LocalDev1</c> (development only).</summary>
    public const string UserPoolId = "us-east-1_LocalDev1";

    /// <summary>The pool's name: <c>local-dev</c> (development only).</summary>
    public const string UserPoolName = "local-dev";

    /// <summary>The region: <c>us-east-1</c>.</summary>
    public const string Region = "us-east-1";

    /// <summary>The domain prefix: <c>local-dev</c>, served at <c>{DomainBaseAddress}/domain/local-dev</c> (development only).</summary>
    public const string DomainPrefix = "local-dev";

    /// <summary>The resource server identifier: <c>my-api</c>, with scopes <c>read</c> and <c>write</c>.</summary>
    public const string ApiIdentifier = "my-api";

    /// <summary>The scope <c>my-api/read</c>.</summary>
    public const string ReadScope = "my-api/read";

    /// <summary>The scope <c>my-api/write</c>.</summary>
    public const string WriteScope = "my-api/write";

    /// <summary>A second resource server, <c>other-api</c>, whose only scope is <c>admin</c> (for 403 tests).</summary>
    public const string OtherApiIdentifier = "other-api";

    /// <summary>The scope <c>other-api/admin</c>.</summary>
    public const string OtherApiAdminScope = "other-api/admin";

    /// <summary>The web client's name: <c>web</c> (code and implicit flows).</summary>
    public const string WebClientName = "web";

    /// <summary>The web client's id (development only).</summary>
    public const string WebClientId = "localdevwebclient000000001";

    /// <summary>The web client's secret. DEVELOPMENT ONLY: public, never use it anywhere real.</summary>
    public const string WebClientSecret = "localdevonlywebsecretnotforproductionuse00000000001";

    /// <summary>The web client's callback URL: <c>http://localhost:5000/callback</c> (the 127.0.0.1 variant is registered too).</summary>
    public const string WebCallbackUrl = "http://localhost:5000/callback";

    /// <summary>The web client's sign-out URL: <c>http://localhost:5000/logout</c> (the 127.0.0.1 variant is registered too).</summary>
    public const string WebLogoutUrl = "http://localhost:5000/logout";

    /// <summary>
    /// The authorization bridge's client name: <c>mcp-bridge</c> (confidential, code flow, <c>my-api/read my-api/write</c>),
    /// the upstream client of <c>AddCognitoAuthorizationBridge()</c> in <c>samples/CalculatorServer</c>.
    /// </summary>
    public const string BridgeClientName = "mcp-bridge";

    /// <summary>The bridge client's id (development only).</summary>
    public const string BridgeClientId = "localdevbridgeclient000001";

    /// <summary>The bridge client's secret. DEVELOPMENT ONLY: public, never use it anywhere real.</summary>
    public const string BridgeClientSecret = "localdevonlybridgesecretnotforproductionuse00000001";

    /// <summary>The bridge client's callback URL: <c>http://localhost:8080/oauth/callback</c> (the 127.0.0.1 variant is registered too).</summary>
    public const string BridgeCallbackUrl = "http://localhost:8080/oauth/callback";

    /// <summary>The M2M client's name: <c>m2m</c> (client_credentials, <c>my-api/read my-api/write</c>).</summary>
    public const string M2MClientName = "m2m";

    /// <summary>The M2M client's id (development only).</summary>
    public const string M2MClientId = "localdevm2mclient000000001";

    /// <summary>The M2M client's secret. DEVELOPMENT ONLY: public, never use it anywhere real.</summary>
    public const string M2MClientSecret = "localdevonlym2msecretnotforproductionuse00000000001";

    /// <summary>
    /// The second M2M client's name: <c>m2m-other-api</c>, allowed only <c>other-api/admin</c> and so never
    /// <c>my-api/read</c> — its tokens are valid but lack the scope (403 tests).
    /// </summary>
    public const string OtherApiM2MClientName = "m2m-other-api";

    /// <summary>The second M2M client's id (development only).</summary>
    public const string OtherApiM2MClientId = "localdevotherapiclient0001";

    /// <summary>The second M2M client's secret. DEVELOPMENT ONLY: public, never use it anywhere real.</summary>
    public const string OtherApiM2MClientSecret = "localdevonlyothersecretnotforproductionuse000000001";

    /// <summary>The demo user's username: <c>demo</c>.</summary>
    public const string DemoUsername = "demo";

    /// <summary>The demo user's password. DEVELOPMENT ONLY.</summary>
    public const string DemoPassword = "Passw0rd!Demo";

    /// <summary>The demo user's fixed <c>sub</c>.</summary>
    public const string DemoUserSub = "00000000-0000-4000-8000-00000000de70";

    /// <summary>The demo user's email: <c>demo@example.com</c> (verified).</summary>
    public const string DemoEmail = "demo@example.com";

    /// <summary>The demo user's name: <c>Demo User</c>.</summary>
    public const string DemoName = "Demo User";
}
