using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary><c>CreateResourceServer</c>, <c>DescribeResourceServer</c>.</summary>
internal static class ResourceServerOperations
{
    public static JsonObject Create(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = UserPoolOperations.Pool(pools, request);
        var identifier = request.RequiredString("Identifier");
        var name = request.RequiredString("Name");
        var scopes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var scope in request.Objects("Scopes"))
        {
            var scopeName = scope.RequiredString("ScopeName");
            if (!scopes.TryAdd(scopeName, scope.RequiredString("ScopeDescription")))
            {
                throw CognitoValidation.Invalid($"Duplicate scope name {scopeName}.");
            }
        }

        var server = pool.AddResourceServer(identifier, name, scopes);
        return new JsonObject { ["ResourceServer"] = ManagementShapes.ResourceServer(pool, server) };
    }

    public static JsonObject Describe(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = UserPoolOperations.Pool(pools, request);
        var identifier = request.RequiredString("Identifier");
        var server = pool.FindResourceServer(identifier)
            ?? throw new LocalCognitoException("ResourceNotFoundException", $"Resource server {identifier} does not exist.");
        return new JsonObject { ["ResourceServer"] = ManagementShapes.ResourceServer(pool, server) };
    }
}
