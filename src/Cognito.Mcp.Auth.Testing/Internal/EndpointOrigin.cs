namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>Where a <see cref="CognitoEndpoint"/>'s path hangs off, as Cognito splits its endpoints between two hosts.</summary>
internal enum EndpointOrigin
{
    /// <summary>Under the issuer, <c>{BaseAddress}/{userPoolId}</c>: discovery and JWKS.</summary>
    Issuer,

    /// <summary>Under a pool's OAuth domain, <c>{DomainBaseAddress}/domain/{prefix}</c>.</summary>
    Domain,

    /// <summary>At the issuer origin's root: the management API.</summary>
    Root,
}
