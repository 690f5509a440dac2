using System.Text.Json;
using System.Text.Json.Serialization;

namespace CalculatorServer;

/// <summary>The body of <c>GET /health</c>: <c>{"status":"healthy"}</c>.</summary>
internal sealed record HealthStatus(string Status);

/// <summary>
/// The JSON this server writes itself, generated at compile time: a native AOT build has no reflection-based JSON.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthStatus))]
internal sealed partial class CalculatorJson : JsonSerializerContext;
