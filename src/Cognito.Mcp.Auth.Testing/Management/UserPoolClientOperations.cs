using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>
/// <c>CreateUserPoolClient</c>, <c>DescribeUserPoolClient</c>, <c>ListUserPoolClients</c>. Creation is validated by
/// the same rules as <see cref="LocalUserPool.AddClient(LocalAppClientSettings)"/>. Unlike the in-process settings,
/// <c>AllowedOAuthFlowsUserPoolClient</c> defaults to false here, as in Cognito's API.
/// </summary>
internal static class UserPoolClientOperations
{
    private static readonly string[] Units = ["seconds", "minutes", "hours", "days"];

    public static JsonObject Create(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = UserPoolOperations.Pool(pools, request);
        var units = request.Object("TokenValidityUnits");
        var extras = new ManagementClientExtras(
            Unit(units, "AccessToken", "hours"),
            Unit(units, "IdToken", "hours"),
            Unit(units, "RefreshToken", "days"),
            request.Strings("ExplicitAuthFlows") ?? [],
            request.Strings("SupportedIdentityProviders") ?? ["COGNITO"]);
        var settings = new LocalAppClientSettings
        {
            Name = request.RequiredString("ClientName"),
            GenerateSecret = request.Bool("GenerateSecret") ?? false,
            AllowedOAuthFlows = [.. request.Strings("AllowedOAuthFlows") ?? []],
            AllowedOAuthScopes = [.. request.Strings("AllowedOAuthScopes") ?? []],
            AllowedOAuthFlowsUserPoolClient = request.Bool("AllowedOAuthFlowsUserPoolClient") ?? false,
            CallbackUrls = [.. request.Strings("CallbackURLs") ?? []],
            LogoutUrls = [.. request.Strings("LogoutURLs") ?? []],
        };
        if (request.Int("AccessTokenValidity") is { } access)
        {
            settings.AccessTokenValidity = ManagementClientExtras.ToTimeSpan(access, extras.AccessTokenUnit);
        }

        if (request.Int("IdTokenValidity") is { } id)
        {
            settings.IdTokenValidity = ManagementClientExtras.ToTimeSpan(id, extras.IdTokenUnit);
        }

        if (request.Int("RefreshTokenValidity") is { } refresh)
        {
            settings.RefreshTokenValidity = ManagementClientExtras.ToTimeSpan(refresh, extras.RefreshTokenUnit);
        }

        var client = pool.AddClient(settings);
        EchoedSettings.Keep(client, extras);
        return new JsonObject { ["UserPoolClient"] = ManagementShapes.Client(client) };
    }

    public static JsonObject Describe(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = UserPoolOperations.Pool(pools, request);
        var clientId = request.RequiredString("ClientId");
        var client = pool.FindClient(clientId)
            ?? throw new LocalCognitoException("ResourceNotFoundException", $"User pool client {clientId} does not exist.");
        return new JsonObject { ["UserPoolClient"] = ManagementShapes.Client(client) };
    }

    public static JsonObject List(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = UserPoolOperations.Pool(pools, request);
        var (page, next) = UserPoolOperations.Page(pool.Clients.ToList(), request.MaxResults(60, required: false), request.String("NextToken"));
        var result = new JsonObject
        {
            ["UserPoolClients"] = new JsonArray([.. page.Select(c => (JsonNode)new JsonObject
            {
                ["ClientId"] = c.ClientId,
                ["UserPoolId"] = pool.Id,
                ["ClientName"] = c.Name,
            })]),
        };
        if (next is not null)
        {
            result["NextToken"] = next;
        }

        return result;
    }

    private static string Unit(ManagementRequest? units, string name, string fallback)
    {
        var unit = units?.String(name) ?? fallback;
        return Units.Contains(unit, StringComparer.Ordinal)
            ? unit
            : throw CognitoValidation.Invalid($"1 validation error detected: Value '{unit}' at 'tokenValidityUnits.{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must satisfy enum value set: [seconds, minutes, hours, days]");
    }
}
