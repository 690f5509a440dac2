using System.Diagnostics.CodeAnalysis;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Either a validated <see cref="ClientRegistration"/> or the <see cref="BridgeError"/> that refuses the request.</summary>
internal sealed record ClientRegistrationResult
{
    private ClientRegistrationResult(ClientRegistration? registration, BridgeError? error)
    {
        Registration = registration;
        Error = error;
    }

    public ClientRegistration? Registration { get; }

    public BridgeError? Error { get; }

    [MemberNotNullWhen(true, nameof(Registration))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Registration is not null;

    public static ClientRegistrationResult Success(ClientRegistration registration) => new(registration, null);

    public static ClientRegistrationResult Failure(BridgeError error) => new(null, error);
}
