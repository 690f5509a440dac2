using System.Text.Json.Nodes;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>Cognito's response shapes for pools, resource servers, clients and users.</summary>
internal static class ManagementShapes
{
    public const string AccountId = "000000000000";

    /// <summary>AWS JSON 1.1 timestamps: epoch seconds as a number.</summary>
    public static JsonNode Time(DateTimeOffset value) => JsonValue.Create(Math.Round(value.ToUnixTimeMilliseconds() / 1000.0, 3));

    public static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v)!)]);

    public static JsonObject Pool(LocalUserPool pool)
    {
        var shape = new JsonObject
        {
            ["Id"] = pool.Id,
            ["Name"] = pool.Name,
            ["Policies"] = new JsonObject
            {
                ["PasswordPolicy"] = new JsonObject
                {
                    ["MinimumLength"] = 8,
                    ["RequireUppercase"] = true,
                    ["RequireLowercase"] = true,
                    ["RequireNumbers"] = true,
                    ["RequireSymbols"] = true,
                    ["TemporaryPasswordValidityDays"] = 7,
                },
            },
            ["DeletionProtection"] = "INACTIVE",
            ["LambdaConfig"] = new JsonObject(),
            ["LastModifiedDate"] = Time(pool.Created),
            ["CreationDate"] = Time(pool.Created),
            ["MfaConfiguration"] = "OFF",
            ["EstimatedNumberOfUsers"] = pool.Users.Count,
            ["AdminCreateUserConfig"] = new JsonObject { ["AllowAdminCreateUserOnly"] = false, ["UnusedAccountValidityDays"] = 7 },
        };
        foreach (var (name, value) in EchoedSettings.Of(pool))
        {
            shape[name == "Schema" ? "SchemaAttributes" : name] = value?.DeepClone();
        }

        if (pool.DomainPrefix is { } domain)
        {
            shape["Domain"] = domain;
        }

        shape["Arn"] = $"arn:aws:cognito-idp:{pool.Region}:{AccountId}:userpool/{pool.Id}";
        shape["UserPoolTier"] = "ESSENTIALS";
        return shape;
    }

    public static JsonObject ResourceServer(LocalUserPool pool, LocalResourceServer server) => new()
    {
        ["UserPoolId"] = pool.Id,
        ["Identifier"] = server.Identifier,
        ["Name"] = server.Name,
        ["Scopes"] = new JsonArray([.. server.ScopeNames.Select(s => (JsonNode)new JsonObject
        {
            ["ScopeName"] = s,
            ["ScopeDescription"] = server.ScopeDescriptions.GetValueOrDefault(s, s),
        })]),
    };

    public static JsonObject Client(LocalAppClient client)
    {
        var extras = EchoedSettings.Of(client);
        var shape = new JsonObject
        {
            ["UserPoolId"] = client.Pool.Id,
            ["ClientName"] = client.Name,
            ["ClientId"] = client.ClientId,
        };
        if (client.ClientSecret is { } secret)
        {
            shape["ClientSecret"] = secret;
        }

        shape["LastModifiedDate"] = Time(client.Created);
        shape["CreationDate"] = Time(client.Created);
        shape["RefreshTokenValidity"] = ManagementClientExtras.FromTimeSpan(client.RefreshTokenValidity, extras.RefreshTokenUnit);
        shape["AccessTokenValidity"] = ManagementClientExtras.FromTimeSpan(client.AccessTokenValidity, extras.AccessTokenUnit);
        shape["IdTokenValidity"] = ManagementClientExtras.FromTimeSpan(client.IdTokenValidity, extras.IdTokenUnit);
        shape["TokenValidityUnits"] = new JsonObject
        {
            ["AccessToken"] = extras.AccessTokenUnit,
            ["IdToken"] = extras.IdTokenUnit,
            ["RefreshToken"] = extras.RefreshTokenUnit,
        };
        if (extras.ExplicitAuthFlows.Count > 0)
        {
            shape["ExplicitAuthFlows"] = Array(extras.ExplicitAuthFlows);
        }

        shape["SupportedIdentityProviders"] = Array(extras.SupportedIdentityProviders);
        AddIfAny(shape, "CallbackURLs", client.CallbackUrls);
        AddIfAny(shape, "LogoutURLs", client.LogoutUrls);
        AddIfAny(shape, "AllowedOAuthFlows", client.AllowedOAuthFlows);
        AddIfAny(shape, "AllowedOAuthScopes", client.AllowedOAuthScopes);
        shape["AllowedOAuthFlowsUserPoolClient"] = client.AllowedOAuthFlowsUserPoolClient;
        shape["EnableTokenRevocation"] = true;
        shape["EnablePropagateAdditionalUserContextData"] = false;
        shape["AuthSessionValidity"] = 3;
        return shape;
    }

    public static JsonObject User(LocalUser user) => new()
    {
        ["Username"] = user.Username,
        ["Attributes"] = new JsonArray([.. new[] { new KeyValuePair<string, string>("sub", user.Sub) }.Concat(user.Attributes)
            .Select(a => (JsonNode)new JsonObject { ["Name"] = a.Key, ["Value"] = a.Value })]),
        ["UserCreateDate"] = Time(user.Created),
        ["UserLastModifiedDate"] = Time(user.Created),
        ["Enabled"] = true,
        ["UserStatus"] = user.Status,
    };

    private static void AddIfAny(JsonObject shape, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            shape[name] = Array(values);
        }
    }
}
