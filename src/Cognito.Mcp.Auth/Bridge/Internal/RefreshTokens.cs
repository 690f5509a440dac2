using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// The bridge's refresh tokens: opaque handles for Cognito's refresh token, which stays on the server (it is bound to
/// the bridge's confidential app client). Each use rotates the handle; a rotated handle or a redeemed code presented
/// again revokes the whole family, here and at Cognito (RFC 9700 section 4.14.2).
/// </summary>
internal sealed class RefreshTokens(BridgeSettings settings, BridgeStore store, CognitoUpstream upstream, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger logger = loggers.CreateLogger(BridgeFlowLog.Category);

    public async Task<string> IssueAsync(string clientId, string[] scopes, string? resource, string upstreamRefreshToken, string familyId, DateTimeOffset? familyExpiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expiresAt = familyExpiresAt ?? now + settings.Options.RefreshTokenLifetime;
        var lifetime = expiresAt - now;
        var handle = RandomIds.New();
        await store.SetAsync(BridgeStoreKinds.RefreshToken, handle, new RefreshTokenRecord(clientId, scopes, resource, upstreamRefreshToken, familyId, expiresAt), BridgeJsonContext.Default.RefreshTokenRecord, lifetime, cancellationToken);
        await store.SetAsync(BridgeStoreKinds.Family, familyId, new RefreshFamily(handle, upstreamRefreshToken, expiresAt), BridgeJsonContext.Default.RefreshFamily, lifetime, cancellationToken);
        return handle;
    }

    /// <summary>Takes a handle out of use, leaving a marker so that presenting it again revokes its family.</summary>
    public async Task RetireAsync(string handle, RefreshTokenRecord record, CancellationToken cancellationToken)
    {
        await store.RemoveAsync(BridgeStoreKinds.RefreshToken, handle, cancellationToken);
        var lifetime = record.ExpiresAt - time.GetUtcNow();
        if (lifetime > TimeSpan.Zero)
        {
            await store.SetAsync(BridgeStoreKinds.UsedRefreshToken, handle, record.FamilyId, BridgeJsonContext.Default.String, lifetime, cancellationToken);
        }
    }

    public async Task RevokeFamilyAsync(string familyId, string what, string clientId, CancellationToken cancellationToken)
    {
        BridgeFlowLog.ReplayDetected(logger, what, clientId);
        await RevokeFamilyQuietlyAsync(familyId, cancellationToken);
    }

    public async Task RevokeFamilyQuietlyAsync(string familyId, CancellationToken cancellationToken)
    {
        var family = await store.TakeAsync(BridgeStoreKinds.Family, familyId, BridgeJsonContext.Default.RefreshFamily, cancellationToken);
        if (family is null)
        {
            return;
        }

        if (family.CurrentRefreshToken is { } current)
        {
            await store.RemoveAsync(BridgeStoreKinds.RefreshToken, current, cancellationToken);
        }

        // Not the caller's token: a client that hangs up must not keep Cognito's refresh token alive (UpstreamTimeout bounds it).
        await upstream.RevokeAsync(family.UpstreamRefreshToken, CancellationToken.None);
    }
}
