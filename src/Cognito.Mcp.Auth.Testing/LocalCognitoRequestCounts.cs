namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// How many requests each endpoint group received (including refused and fault-injected ones). Thread-safe.
/// </summary>
public sealed class LocalCognitoRequestCounts
{
    private long _token;
    private long _jwks;
    private long _discovery;
    private long _authorize;
    private long _login;
    private long _userInfo;
    private long _logout;
    private long _revoke;
    private long _management;

    internal LocalCognitoRequestCounts()
    {
    }

    /// <summary>Gets the number of requests to <c>/oauth2/token</c>.</summary>
    public long Token => Interlocked.Read(ref _token);

    /// <summary>Gets the number of requests to <c>/.well-known/jwks.json</c>.</summary>
    public long Jwks => Interlocked.Read(ref _jwks);

    /// <summary>Gets the number of requests to <c>/.well-known/openid-configuration</c>.</summary>
    public long Discovery => Interlocked.Read(ref _discovery);

    /// <summary>Gets the number of requests to <c>/oauth2/authorize</c>.</summary>
    public long Authorize => Interlocked.Read(ref _authorize);

    /// <summary>Gets the number of requests to the managed login page <c>/login</c>.</summary>
    public long Login => Interlocked.Read(ref _login);

    /// <summary>Gets the number of requests to <c>/oauth2/userInfo</c>.</summary>
    public long UserInfo => Interlocked.Read(ref _userInfo);

    /// <summary>Gets the number of requests to <c>/logout</c>.</summary>
    public long Logout => Interlocked.Read(ref _logout);

    /// <summary>Gets the number of requests to <c>/oauth2/revoke</c>.</summary>
    public long Revoke => Interlocked.Read(ref _revoke);

    /// <summary>Gets the number of requests to the management API (<c>POST /</c>).</summary>
    public long Management => Interlocked.Read(ref _management);

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _token, 0);
        Interlocked.Exchange(ref _jwks, 0);
        Interlocked.Exchange(ref _discovery, 0);
        Interlocked.Exchange(ref _authorize, 0);
        Interlocked.Exchange(ref _login, 0);
        Interlocked.Exchange(ref _userInfo, 0);
        Interlocked.Exchange(ref _logout, 0);
        Interlocked.Exchange(ref _revoke, 0);
        Interlocked.Exchange(ref _management, 0);
    }

    internal void CountToken() => Interlocked.Increment(ref _token);

    internal void CountJwks() => Interlocked.Increment(ref _jwks);

    internal void CountDiscovery() => Interlocked.Increment(ref _discovery);

    internal void CountAuthorize() => Interlocked.Increment(ref _authorize);

    internal void CountLogin() => Interlocked.Increment(ref _login);

    internal void CountUserInfo() => Interlocked.Increment(ref _userInfo);

    internal void CountLogout() => Interlocked.Increment(ref _logout);

    internal void CountRevoke() => Interlocked.Increment(ref _revoke);

    internal void CountManagement() => Interlocked.Increment(ref _management);
}
