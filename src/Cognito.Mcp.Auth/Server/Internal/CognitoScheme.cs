namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>What one registration (one user pool) needs at run time, built once from its validated options.</summary>
internal sealed class CognitoScheme(
    CognitoSchemeRegistration registration,
    CognitoMcpAuthOptions options,
    ProtectedResourceMetadata metadata,
    CognitoAccessTokenRules rules,
    ApplicationEvents events)
{
    public CognitoSchemeRegistration Registration { get; } = registration;

    public string Name => Registration.Scheme;

    public CognitoMcpAuthOptions Options { get; } = options;

    public ProtectedResourceMetadata Metadata { get; } = metadata;

    public CognitoAccessTokenRules Rules { get; } = rules;

    public ApplicationEvents Events { get; } = events;
}
