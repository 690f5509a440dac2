using System.Text.Json;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>
/// A management API request body with AWS-style validation: a missing required member is an
/// <c>InvalidParameterException</c> worded like AWS's ("Value null at 'userPoolId' …"), a member of the wrong JSON type
/// a <c>SerializationException</c>.
/// </summary>
internal sealed class ManagementRequest(JsonElement body, string region)
{
    /// <summary>Gets the region the AWS CLI signed for (from the SigV4 credential scope), else us-east-1.</summary>
    public string Region { get; } = region;

    public string RequiredString(string name) =>
        String(name) ?? throw CognitoValidation.Invalid($"1 validation error detected: Value null at '{Camel(name)}' failed to satisfy constraint: Member must not be null");

    public string? String(string name) => Member(name, JsonValueKind.String) is { } v ? v.GetString() : null;

    public bool? Bool(string name) => Member(name, JsonValueKind.True, JsonValueKind.False) is { } v ? v.GetBoolean() : null;

    public int? Int(string name)
    {
        if (Member(name, JsonValueKind.Number) is not { } v)
        {
            return null;
        }

        return v.TryGetInt32(out var value) ? value : throw Serialization(name);
    }

    public IReadOnlyList<string>? Strings(string name)
    {
        if (Member(name, JsonValueKind.Array) is not { } v)
        {
            return null;
        }

        return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Serialization(name))];
    }

    public IReadOnlyList<ManagementRequest> Objects(string name)
    {
        if (Member(name, JsonValueKind.Array) is not { } v)
        {
            return [];
        }

        return [.. v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Object ? new ManagementRequest(e, Region) : throw Serialization(name))];
    }

    /// <summary>A member as it was sent, for settings LocalCognito keeps and echoes but does not interpret.</summary>
    public JsonNode? Raw(string name) => Member(name, JsonValueKind.Object, JsonValueKind.Array, JsonValueKind.String) is { } v ? JsonNode.Parse(v.GetRawText()) : null;

    public ManagementRequest? Object(string name) => Member(name, JsonValueKind.Object) is { } v ? new ManagementRequest(v, Region) : null;

    public int MaxResults(int max, bool required)
    {
        var value = Int("MaxResults");
        if (value is null && required)
        {
            throw CognitoValidation.Invalid("1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null");
        }

        return value is null or (>= 1 and <= 60) ? value ?? max : throw CognitoValidation.Invalid($"1 validation error detected: Value '{value}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {max}");
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static LocalCognitoException Serialization(string name) =>
        new("SerializationException", $"Member {name} has the wrong JSON type.");

    private JsonElement? Member(string name, params JsonValueKind[] kinds)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return kinds.Contains(value.ValueKind) ? value : throw Serialization(name);
    }
}
