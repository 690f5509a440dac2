using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// The claim values LocalCognito can write, known at compile time so tokens are written without reflection (trimmed
/// and native AOT hosts): what Cognito's tokens hold (strings, numbers, booleans, string arrays) plus the JSON types
/// a test can use to write any other shape.
/// </summary>
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonValue))]
internal sealed partial class ClaimJson : JsonSerializerContext
{
    /// <summary>Names the claim and its type when a test edits in a value of another type.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo For(string claim, object? value)
    {
        var type = value?.GetType() ?? typeof(object);
        return Default.GetTypeInfo(type) ?? throw new ArgumentException(
            $"The claim '{claim}' holds a {type}, which LocalCognito cannot write into a token. Use a string, a number, a bool, a string array or list, or a JsonNode or JsonElement for any other JSON.",
            nameof(value));
    }
}
