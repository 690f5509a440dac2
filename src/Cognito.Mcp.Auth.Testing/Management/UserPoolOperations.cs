using System.Globalization;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary><c>CreateUserPool</c>, <c>DescribeUserPool</c>, <c>DeleteUserPool</c>, <c>ListUserPools</c>.</summary>
internal static class UserPoolOperations
{
    // Request member → echoed as is (Schema is echoed as SchemaAttributes, as Cognito does).
    private static readonly string[] KeptSettings = ["Policies", "Schema", "AutoVerifiedAttributes", "UsernameAttributes", "MfaConfiguration", "VerificationMessageTemplate"];

    public static JsonObject Create(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = pools.Create(request.RequiredString("PoolName"), request.Region);
        var echoed = EchoedSettings.Of(pool);
        foreach (var setting in KeptSettings)
        {
            if (request.Raw(setting) is { } value)
            {
                echoed[setting] = value;
            }
        }

        pool.PasswordPolicy = PasswordPolicyOf(echoed);

        return new JsonObject { ["UserPool"] = ManagementShapes.Pool(pool) };
    }

    public static JsonObject Describe(UserPoolRegistry pools, ManagementRequest request) =>
        new() { ["UserPool"] = ManagementShapes.Pool(Pool(pools, request)) };

    public static JsonObject Delete(UserPoolRegistry pools, ManagementRequest request)
    {
        pools.Delete(Pool(pools, request).Id);
        return [];
    }

    /// <summary>Pages with <c>NextToken</c> (an offset), so <c>aws cognito-idp list-user-pools</c> paginates as usual.</summary>
    public static JsonObject List(UserPoolRegistry pools, ManagementRequest request)
    {
        var max = request.MaxResults(60, required: true);
        var (page, next) = Page(pools.All.ToList(), max, request.String("NextToken"));
        var result = new JsonObject
        {
            ["UserPools"] = new JsonArray([.. page.Select(p => (JsonNode)new JsonObject
            {
                ["Id"] = p.Id,
                ["Name"] = p.Name,
                ["LambdaConfig"] = new JsonObject(),
                ["LastModifiedDate"] = ManagementShapes.Time(p.Created),
                ["CreationDate"] = ManagementShapes.Time(p.Created),
            })]),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    public static LocalUserPool Pool(UserPoolRegistry pools, ManagementRequest request)
    {
        var id = request.RequiredString("UserPoolId");
        CognitoValidation.UserPoolId(id);
        return pools.Find(id) ?? throw new LocalCognitoException("ResourceNotFoundException", $"User pool {id} does not exist.");
    }

    public static (List<T> Page, string? Next) Page<T>(List<T> items, int max, string? nextToken)
    {
        var offset = 0;
        if (nextToken is not null && (!int.TryParse(nextToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset > items.Count))
        {
            throw CognitoValidation.Invalid("Invalid NextToken.");
        }

        var page = items.Skip(offset).Take(max).ToList();
        var end = offset + page.Count;
        return (page, end < items.Count ? end.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>
    /// The policy the pool enforces from what CreateUserPool sent: a missing or non-numeric <c>MinimumLength</c> is 8,
    /// and a character class is required unless set to <see langword="false"/>.
    /// </summary>
    private static PasswordPolicy? PasswordPolicyOf(JsonObject echoed)
    {
        if (echoed["Policies"]?["PasswordPolicy"] is not JsonObject policy)
        {
            return null;
        }

        bool Requires(string name) => policy[name] is not JsonValue value || !value.TryGetValue(out bool required) || required;
        return new PasswordPolicy(
            policy["MinimumLength"] is JsonValue length && length.TryGetValue(out int minimum) ? minimum : 8,
            Requires("RequireUppercase"),
            Requires("RequireLowercase"),
            Requires("RequireNumbers"),
            Requires("RequireSymbols"));
    }
}
