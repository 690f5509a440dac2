using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>A snapshot of LocalCognito's request counters, and the difference of two.</summary>
internal readonly record struct CognitoCounts(long Jwks, long Discovery, long Token)
{
    public static CognitoCounts Read(LocalCognitoRequestCounts counts) => new(counts.Jwks, counts.Discovery, counts.Token);

    public static CognitoCounts operator -(CognitoCounts after, CognitoCounts before) =>
        new(after.Jwks - before.Jwks, after.Discovery - before.Discovery, after.Token - before.Token);
}
