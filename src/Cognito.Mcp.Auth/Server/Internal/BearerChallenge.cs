using System.Text;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>Writes RFC 6750 <c>WWW-Authenticate: Bearer …</c> values with the MCP parameters.</summary>
internal static class BearerChallenge
{
    /// <summary>No token: <c>Bearer resource_metadata="…", scope="…"</c>.</summary>
    public static string Missing(string resourceMetadata, IEnumerable<string> scopes) =>
        Build(null, null, resourceMetadata, scopes);

    /// <summary>A token was sent and refused: <c>error</c> and <c>error_description</c> first.</summary>
    public static string Refused(string error, string description, string resourceMetadata, IEnumerable<string> scopes) =>
        Build(error, description, resourceMetadata, scopes);

    /// <summary>A valid token without the needed scope: <c>error="insufficient_scope"</c> naming the scope to ask for.</summary>
    public static string InsufficientScope(IEnumerable<string> neededScopes, string resourceMetadata)
    {
        var builder = new StringBuilder("Bearer ");
        Append(builder, "error", "insufficient_scope");
        Append(builder, "error_description", "The access token lacks the required scope");
        Append(builder, "scope", string.Join(' ', neededScopes));
        Append(builder, "resource_metadata", resourceMetadata);
        return builder.ToString();
    }

    private static string Build(string? error, string? description, string resourceMetadata, IEnumerable<string> scopes)
    {
        var builder = new StringBuilder("Bearer ");
        if (error is not null)
        {
            Append(builder, "error", error);
            Append(builder, "error_description", description!);
        }

        Append(builder, "resource_metadata", resourceMetadata);
        Append(builder, "scope", string.Join(' ', scopes));
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string name, string value)
    {
        if (builder.Length > "Bearer ".Length)
        {
            builder.Append(", ");
        }

        builder.Append(name).Append("=\"");
        foreach (var c in value)
        {
            // RFC 6750 values are quoted-strings of printable ASCII without '"' and '\'; drop anything else.
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                builder.Append(c);
            }
        }

        builder.Append('"');
    }
}
