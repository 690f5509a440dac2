using System.Text.Json;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// The bridge's RFC 8414 metadata: what Cognito's discovery document lacks for MCP clients (<c>S256</c> in
/// <c>code_challenge_methods_supported</c>, a registration endpoint, client ID metadata documents, RFC 9207 <c>iss</c>).
/// </summary>
internal static class AuthorizationServerMetadataDocument
{
    public static byte[] Write(BridgeSettings settings)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("issuer", settings.Issuer);
            writer.WriteString("authorization_endpoint", settings.Url(CognitoAuthorizationBridgeDefaults.AuthorizePath));
            writer.WriteString("token_endpoint", settings.Url(CognitoAuthorizationBridgeDefaults.TokenPath));
            if (settings.Options.DynamicClientRegistration)
            {
                writer.WriteString("registration_endpoint", settings.Url(CognitoAuthorizationBridgeDefaults.RegistrationPath));
            }

            writer.WriteString("revocation_endpoint", settings.Url(CognitoAuthorizationBridgeDefaults.RevocationPath));
            Array(writer, "scopes_supported", settings.ScopesOffered);
            Array(writer, "response_types_supported", ["code"]);
            Array(writer, "response_modes_supported", ["query"]);
            Array(writer, "grant_types_supported", ["authorization_code", "refresh_token"]);
            Array(writer, "token_endpoint_auth_methods_supported", ["none"]);
            Array(writer, "revocation_endpoint_auth_methods_supported", ["none"]);
            Array(writer, "code_challenge_methods_supported", ["S256"]);
            writer.WriteBoolean("client_id_metadata_document_supported", settings.Options.ClientIdMetadataDocuments);
            writer.WriteBoolean("authorization_response_iss_parameter_supported", true);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static void Array(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
