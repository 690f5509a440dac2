using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>
/// <c>CreateUserPoolDomain</c>, <c>DescribeUserPoolDomain</c>, <c>DeleteUserPoolDomain</c>. Prefix domains only; the
/// domain is served at <c>{DomainBaseAddress}/domain/{prefix}</c>.
/// </summary>
internal static class DomainOperations
{
    public static JsonObject Create(UserPoolRegistry pools, ManagementRequest request)
    {
        var prefix = request.RequiredString("Domain");
        var pool = UserPoolOperations.Pool(pools, request);
        if (request.Object("CustomDomainConfig") is not null)
        {
            throw CognitoValidation.Invalid("LocalCognito supports prefix domains only, not custom domains.");
        }

        pool.AddDomain(prefix);
        return new JsonObject { ["ManagedLoginVersion"] = 1 };
    }

    /// <summary>An unknown domain answers an empty <c>DomainDescription</c>, as Cognito does.</summary>
    public static JsonObject Describe(UserPoolRegistry pools, ManagementRequest request)
    {
        var prefix = request.RequiredString("Domain");
        if (pools.FindByDomain(prefix) is not { } pool)
        {
            return new JsonObject { ["DomainDescription"] = new JsonObject() };
        }

        return new JsonObject
        {
            ["DomainDescription"] = new JsonObject
            {
                ["UserPoolId"] = pool.Id,
                ["AWSAccountId"] = ManagementShapes.AccountId,
                ["Domain"] = prefix,
                ["Version"] = "1",
                ["Status"] = "ACTIVE",
                ["ManagedLoginVersion"] = 1,
            },
        };
    }

    public static JsonObject Delete(UserPoolRegistry pools, ManagementRequest request)
    {
        var prefix = request.RequiredString("Domain");
        var pool = UserPoolOperations.Pool(pools, request);
        if (pool.DomainPrefix != prefix)
        {
            throw CognitoValidation.Invalid("No such domain or user pool exists.");
        }

        pools.UnregisterDomain(prefix, pool);
        return [];
    }
}
