using System.Text.Json.Serialization;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>Source-generated serialisation of everything the bridge stores (no reflection: trimming and native AOT).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PendingAuthorization))]
[JsonSerializable(typeof(IssuedCode))]
[JsonSerializable(typeof(RefreshTokenRecord))]
[JsonSerializable(typeof(RefreshFamily))]
[JsonSerializable(typeof(BridgeClient))]
[JsonSerializable(typeof(ConsentRecord[]))]
[JsonSerializable(typeof(string))]
internal sealed partial class BridgeJsonContext : JsonSerializerContext;
