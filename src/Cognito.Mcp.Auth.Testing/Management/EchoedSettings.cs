using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>
/// What the management API keeps only to echo it back: the settings <c>CreateUserPool</c> received (policies, schema,
/// MFA…) and a client's <see cref="ManagementClientExtras"/>. They are attached to the pools and clients here, not
/// stored in them, so the model knows nothing of the API's shapes; an entry lives as long as its pool or client.
/// </summary>
internal static class EchoedSettings
{
    private static readonly ConditionalWeakTable<LocalUserPool, JsonObject> PoolSettings = new();
    private static readonly ConditionalWeakTable<LocalAppClient, ManagementClientExtras> ClientExtras = new();

    // GetValue with a factory: JsonObject's constructor takes an optional argument, which GetOrCreateValue cannot call.

    /// <summary>The pool's echoed settings by request member name: empty for a pool created in process.</summary>
    public static JsonObject Of(LocalUserPool pool) => PoolSettings.GetValue(pool, _ => []);

    /// <summary>The client's echoed values: the API's defaults for a client created in process.</summary>
    public static ManagementClientExtras Of(LocalAppClient client) =>
        ClientExtras.TryGetValue(client, out var extras) ? extras : ManagementClientExtras.Default;

    public static void Keep(LocalAppClient client, ManagementClientExtras extras) => ClientExtras.AddOrUpdate(client, extras);
}
