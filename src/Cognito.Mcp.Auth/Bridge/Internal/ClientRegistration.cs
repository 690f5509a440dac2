namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// A validated RFC 7591 registration request, before the bridge assigns a client id. The values are what the bridge
/// registers, to be returned in the registration response (RFC 7591 §3.2.1), which may differ from what was asked.
/// </summary>
/// <param name="ClientName">The client's name, or <see langword="null"/>.</param>
/// <param name="RedirectUris">The redirect URIs, duplicates removed, each valid for <paramref name="ApplicationType"/>.</param>
/// <param name="ApplicationType"><c>native</c> or <c>web</c>, as sent or inferred.</param>
/// <param name="GrantTypes">A subset of <c>authorization_code</c>, <c>refresh_token</c> that holds <c>authorization_code</c>.</param>
/// <param name="ResponseTypes">Always <c>code</c>.</param>
/// <param name="TokenEndpointAuthMethod">Always <c>none</c>: the bridge registers public clients only.</param>
/// <param name="ApplicationTypeInferred"><see langword="true"/> when the request had no application_type.</param>
/// <param name="AuthMethodReplaced"><see langword="true"/> when the client asked for a client secret method and gets <c>none</c>.</param>
internal sealed record ClientRegistration(
    string? ClientName,
    IReadOnlyList<string> RedirectUris,
    string ApplicationType,
    IReadOnlyList<string> GrantTypes,
    IReadOnlyList<string> ResponseTypes,
    string TokenEndpointAuthMethod,
    bool ApplicationTypeInferred,
    bool AuthMethodReplaced)
{
    /// <summary>The client this registration becomes under <paramref name="clientId"/>.</summary>
    public BridgeClient ToClient(string clientId) => new(clientId, ClientName, RedirectUris, ApplicationType, FromMetadataDocument: false);
}
