using System.Text.Json;
using Cognito.Mcp.Auth.Internal;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Validates the body of a Client ID Metadata Document: a JSON object whose <c>client_id</c> equals the URL it was
/// fetched from, with 1–10 <c>redirect_uris</c> valid for its <c>application_type</c> (sent or inferred as at
/// registration), no <c>token_endpoint_auth_method</c> other than <c>none</c> (the bridge has public clients only),
/// and <c>grant_types</c>/<c>response_types</c> within what the bridge supports. <c>client_uri</c> and <c>logo_uri</c>
/// are ignored: never fetched, never shown (a logo or link from an unverified client is a phishing aid).
/// </summary>
internal static class ClientMetadataDocumentReader
{
    private static readonly string[] GrantTypes = ["authorization_code", "refresh_token"];
    private static readonly string[] ResponseTypes = ["code"];

    /// <summary>The client, or the reason (a sentence fragment after "the document is refused:") in the failure's description.</summary>
    public static ClientMetadataDocumentResult Read(string url, byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ClientMetadataMembers.DocumentOptions);
        }
        catch (JsonException)
        {
            return Refused("it is not a JSON object.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refused("it is not a JSON object.");
            }

            if (!root.TryGetProperty("client_id", out var clientId)
                || !JsonProperties.TryGetString(clientId, out var id)
                || !string.Equals(id, url, StringComparison.Ordinal))
            {
                return Refused("its client_id does not equal the URL it was fetched from.");
            }

            if (ClientMetadataMembers.TryGetOptional(root, "token_endpoint_auth_method", out var method)
                && !(JsonProperties.TryGetString(method, out var value) && value == "none"))
            {
                return Refused("its token_endpoint_auth_method must be absent or \"none\": the server accepts only public clients, which use PKCE.");
            }

            List<string> redirectUris = [];
            string? clientName = null;
            var applicationType = string.Empty;
            var error = ClientMetadataMembers.ReadRedirectUris(root, out redirectUris)
                ?? ClientMetadataMembers.ReadClientName(root, out clientName)
                ?? ClientMetadataMembers.ReadStringSet(root, "grant_types", GrantTypes, GrantTypes, out _)
                ?? ClientMetadataMembers.ReadStringSet(root, "response_types", ResponseTypes, ResponseTypes, out _)
                ?? ClientMetadataMembers.ReadApplicationType(root, redirectUris, out applicationType, out _);
            if (error is not null)
            {
                return Refused(char.ToLowerInvariant(error.Description[0]) + error.Description[1..]);
            }

            return ClientMetadataDocumentResult.Success(new BridgeClient(url, clientName, redirectUris, applicationType, FromMetadataDocument: true));
        }
    }

    /// <summary>The failure for a document that was fetched but cannot be used.</summary>
    public static ClientMetadataDocumentResult Refused(string reason) =>
        ClientMetadataDocumentResult.Failure($"The client metadata document is refused: {reason}");
}
