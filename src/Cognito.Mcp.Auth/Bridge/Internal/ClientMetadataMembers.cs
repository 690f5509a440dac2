using System.Text.Json;
using Cognito.Mcp.Auth.Internal;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// Reads the client metadata members that registration requests (RFC 7591 §2) and metadata documents share, with
/// strict JSON types. An optional member given as JSON <c>null</c> counts as absent (some clients serialize unset
/// members so). Descriptions never repeat a value the client sent.
/// </summary>
internal static class ClientMetadataMembers
{
    /// <summary>The most redirect URIs a client may have: 10.</summary>
    public const int MaxRedirectUris = 10;

    /// <summary>The longest client name: 200 characters.</summary>
    public const int MaxClientNameLength = 200;

    /// <summary>Parser settings: no duplicate members (two parsers could read different values), no comments, shallow.</summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    public static BridgeError? ReadRedirectUris(JsonElement root, out List<string> redirectUris)
    {
        redirectUris = [];
        if (!root.TryGetProperty("redirect_uris", out var member) || member.ValueKind == JsonValueKind.Null)
        {
            return Metadata("redirect_uris is required: list the client's redirect URIs.");
        }

        if (member.ValueKind != JsonValueKind.Array || member.GetArrayLength() is < 1 or > MaxRedirectUris)
        {
            return Metadata($"redirect_uris must be an array of 1 to {MaxRedirectUris} strings.");
        }

        foreach (var item in member.EnumerateArray())
        {
            if (!JsonProperties.TryGetString(item, out var uri))
            {
                return Metadata($"redirect_uris must be an array of 1 to {MaxRedirectUris} strings.");
            }

            if (uri.Length > RedirectUriRules.MaxLength)
            {
                return new(BridgeErrors.InvalidRedirectUri, $"A redirect URI is longer than {RedirectUriRules.MaxLength} characters.");
            }

            if (!redirectUris.Contains(uri, StringComparer.Ordinal))
            {
                redirectUris.Add(uri);
            }
        }

        return null;
    }

    public static BridgeError? ReadClientName(JsonElement root, out string? clientName)
    {
        clientName = null;
        if (!TryGetOptional(root, "client_name", out var member))
        {
            return null;
        }

        if (!JsonProperties.TryGetString(member, out var name))
        {
            return Metadata("client_name must be a string.");
        }

        if (name.Length > MaxClientNameLength)
        {
            return Metadata($"client_name must be at most {MaxClientNameLength} characters.");
        }

        // Control and formatting characters (bidirectional overrides, zero-width characters) could make the consent page
        // show another name than the one registered.
        foreach (var c in name)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            {
                return Metadata("client_name must not contain control or formatting characters.");
            }
        }

        clientName = name.Length == 0 ? null : name;
        return null;
    }

    /// <summary>
    /// Reads <c>application_type</c> and checks every redirect URI for it. When absent, it is inferred: <c>native</c> when
    /// any redirect URI is loopback http or a private-use scheme (only a native app can receive those), else <c>web</c>.
    /// OpenID Connect's default is <c>web</c>, but MCP clients (the SDKs, VS Code) often omit the member while
    /// registering loopback redirects; refusing them would break them, and the inferred type is exactly as strict as
    /// the one they would have sent, because every redirect URI is then checked against it.
    /// </summary>
    public static BridgeError? ReadApplicationType(JsonElement root, IReadOnlyList<string> redirectUris, out string applicationType, out bool inferred)
    {
        inferred = !TryGetOptional(root, "application_type", out var member);
        if (inferred)
        {
            applicationType = redirectUris.Any(RedirectUriRules.IsNativeOnly) ? ApplicationTypes.Native : ApplicationTypes.Web;
        }
        else if (JsonProperties.TryGetString(member, out var value) && value is ApplicationTypes.Native or ApplicationTypes.Web)
        {
            applicationType = value;
        }
        else
        {
            applicationType = string.Empty;
            return Metadata("application_type must be \"native\" or \"web\".");
        }

        foreach (var uri in redirectUris)
        {
            if (RedirectUriRules.Validate(uri, applicationType) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>An array of strings, each one of <paramref name="allowed"/>; <paramref name="defaults"/> when absent.</summary>
    public static BridgeError? ReadStringSet(JsonElement root, string name, string[] allowed, string[] defaults, out List<string> values)
    {
        values = [.. defaults];
        if (!TryGetOptional(root, name, out var member))
        {
            return null;
        }

        var description = $"{name} must be a non-empty array of these values: {string.Join(", ", allowed)}.";
        if (member.ValueKind != JsonValueKind.Array || member.GetArrayLength() == 0)
        {
            return Metadata(description);
        }

        values.Clear();
        foreach (var item in member.EnumerateArray())
        {
            if (!JsonProperties.TryGetString(item, out var value) || !allowed.Contains(value, StringComparer.Ordinal))
            {
                return Metadata(description);
            }

            if (!values.Contains(value, StringComparer.Ordinal))
            {
                values.Add(value);
            }
        }

        return null;
    }

    /// <summary>False when the member is absent or JSON null.</summary>
    public static bool TryGetOptional(JsonElement root, string name, out JsonElement member) =>
        root.TryGetProperty(name, out member) && member.ValueKind != JsonValueKind.Null;

    public static BridgeError Metadata(string description) => new(BridgeErrors.InvalidClientMetadata, description);
}
