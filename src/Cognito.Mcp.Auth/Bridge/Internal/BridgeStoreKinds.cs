namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>The kinds of entries in <see cref="BridgeStore"/>: each is a key prefix and a Data Protection purpose.</summary>
internal static class BridgeStoreKinds
{
    public const string Client = "client";
    public const string Pending = "pending";
    public const string Code = "code";
    public const string UsedCode = "used-code";
    public const string RefreshToken = "refresh";
    public const string UsedRefreshToken = "used-refresh";
    public const string Family = "family";
}
