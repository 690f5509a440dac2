using System.Text.Json;
using Cognito.Mcp.Auth.Internal;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Parses and validates an RFC 7591 registration request. The bridge registers public clients only
/// (<c>token_endpoint_auth_method</c> <c>none</c>, PKCE): a request for <c>client_secret_post</c> or
/// <c>client_secret_basic</c> is answered with <c>none</c> (RFC 7591 §3.2.1 lets the server replace requested values;
/// the C# MCP SDK asks for <c>client_secret_post</c> and follows the response); any other method is refused.
/// Unknown members are ignored (RFC 7591 §2), among them <c>client_uri</c>, <c>logo_uri</c> and <c>scope</c>.
/// </summary>
internal sealed class ClientRegistrationReader
{
    /// <summary>The largest registration request body: 16 KiB. The caller reads at most this many bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly string[] GrantTypes = ["authorization_code", "refresh_token"];
    private static readonly string[] ResponseTypes = ["code"];

    private ClientRegistrationReader()
    {
    }

    /// <summary>Parses <paramref name="body"/> (a JSON object) into a registration, or the error to answer with (HTTP 400).</summary>
    public static ClientRegistrationResult Read(ReadOnlySpan<byte> body)
    {
        if (body.Length > MaxBodyBytes)
        {
            return Fail($"The registration request is larger than {MaxBodyBytes / 1024} KiB.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), ClientMetadataMembers.DocumentOptions);
        }
        catch (JsonException)
        {
            return Fail("The registration request must be a JSON object (RFC 7591 §3.1).");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail("The registration request must be a JSON object (RFC 7591 §3.1).");
            }

            List<string> redirectUris = [], grantTypes = [], responseTypes = [];
            string? clientName = null;
            var applicationType = string.Empty;
            bool replaced = false, inferred = false;
            var error = ClientMetadataMembers.ReadRedirectUris(root, out redirectUris)
                ?? ClientMetadataMembers.ReadClientName(root, out clientName)
                ?? ClientMetadataMembers.ReadStringSet(root, "grant_types", GrantTypes, GrantTypes, out grantTypes)
                ?? ClientMetadataMembers.ReadStringSet(root, "response_types", ResponseTypes, ResponseTypes, out responseTypes)
                ?? ReadAuthMethod(root, out replaced)
                ?? ClientMetadataMembers.ReadApplicationType(root, redirectUris, out applicationType, out inferred);
            if (error is not null)
            {
                return ClientRegistrationResult.Failure(error);
            }

            if (!grantTypes.Contains("authorization_code", StringComparer.Ordinal))
            {
                return Fail("grant_types must include authorization_code: it is the only way the bridge issues tokens.");
            }

            return ClientRegistrationResult.Success(new ClientRegistration(
                clientName, redirectUris, applicationType, grantTypes, responseTypes, "none", inferred, replaced));
        }
    }

    private static BridgeError? ReadAuthMethod(JsonElement root, out bool replaced)
    {
        replaced = false;
        if (!ClientMetadataMembers.TryGetOptional(root, "token_endpoint_auth_method", out var member))
        {
            return null;
        }

        JsonProperties.TryGetString(member, out var method);
        switch (method)
        {
            case "none":
                return null;
            case "client_secret_post" or "client_secret_basic":
                replaced = true;
                return null;
            default:
                return ClientMetadataMembers.Metadata("token_endpoint_auth_method must be \"none\": the bridge registers public clients, which use PKCE instead of a secret.");
        }
    }

    private static ClientRegistrationResult Fail(string description) =>
        ClientRegistrationResult.Failure(ClientMetadataMembers.Metadata(description));
}
