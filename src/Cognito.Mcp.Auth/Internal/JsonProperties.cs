using System.Text.Json;

namespace Cognito.Mcp.Auth.Internal;

/// <summary>
/// Reads strings out of JSON that another party wrote (token responses, metadata documents, client registrations)
/// strictly: another JSON type, or a string with a lone surrogate escape that .NET cannot represent, counts as no
/// string rather than an exception.
/// </summary>
internal static class JsonProperties
{
    /// <summary>The string value of the member <paramref name="name"/>; <see langword="null"/> when absent or not a string.</summary>
    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && TryGetString(value, out var text) ? text : null;

    /// <summary>A JSON string as .NET string; false for another type or a string with a lone surrogate escape.</summary>
    public static bool TryGetString(JsonElement element, out string value)
    {
        value = string.Empty;
        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            value = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
