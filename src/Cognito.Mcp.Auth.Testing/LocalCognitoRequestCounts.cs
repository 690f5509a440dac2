using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// How many requests each endpoint group received (including refused and fault-injected ones). Thread-safe.
/// </summary>
public sealed class LocalCognitoRequestCounts
{
    // One slot per row of CognitoEndpoints, so a new endpoint is counted without a new field here.
    private readonly long[] _counts = new long[CognitoEndpoints.All.Count];

    internal LocalCognitoRequestCounts()
    {
    }

    /// <summary>Gets the number of requests to <c>/oauth2/token</c>.</summary>
    public long Token => Read(CognitoEndpoints.Token);

    /// <summary>Gets the number of requests to <c>/.well-known/jwks.json</c>.</summary>
    public long Jwks => Read(CognitoEndpoints.Jwks);

    /// <summary>Gets the number of requests to <c>/.well-known/openid-configuration</c>.</summary>
    public long Discovery => Read(CognitoEndpoints.Discovery);

    /// <summary>Gets the number of requests to <c>/oauth2/authorize</c>.</summary>
    public long Authorize => Read(CognitoEndpoints.Authorize);

    /// <summary>Gets the number of requests to the managed login page <c>/login</c>.</summary>
    public long Login => Read(CognitoEndpoints.Login);

    /// <summary>Gets the number of requests to <c>/oauth2/userInfo</c>.</summary>
    public long UserInfo => Read(CognitoEndpoints.UserInfo);

    /// <summary>Gets the number of requests to <c>/logout</c>.</summary>
    public long Logout => Read(CognitoEndpoints.Logout);

    /// <summary>Gets the number of requests to <c>/oauth2/revoke</c>.</summary>
    public long Revoke => Read(CognitoEndpoints.Revoke);

    /// <summary>Gets the number of requests to the management API (<c>POST /</c>).</summary>
    public long Management => Read(CognitoEndpoints.Management);

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }
    }

    internal void Count(CognitoEndpoint endpoint) => Interlocked.Increment(ref _counts[endpoint.Counter]);

    private long Read(CognitoEndpoint endpoint) => Interlocked.Read(ref _counts[endpoint.Counter]);
}
