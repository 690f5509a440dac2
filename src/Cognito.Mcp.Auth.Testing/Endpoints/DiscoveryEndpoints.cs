using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// <c>{issuer}/.well-known/openid-configuration</c> and <c>{issuer}/.well-known/jwks.json</c>, with Cognito's fields
/// in Cognito's (alphabetical) order and without <c>code_challenge_methods_supported</c>; the endpoints it publishes
/// are the rows of <see cref="CognitoEndpoints"/> with a discovery field.
/// </summary>
internal sealed class DiscoveryEndpoints(UserPoolRegistry pools, LocalCognitoFaults faults)
{
    /// <summary>Kids go out as Cognito writes them, with <c>+</c> rather than <c>\u002B</c>.</summary>
    private static readonly JsonSerializerOptions Unescaped = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Task DiscoveryAsync(HttpContext context)
    {
        if (faults.DiscoveryUnavailable)
        {
            return UnavailableAsync(context);
        }

        if (pools.Find(context.Request.RouteValues["poolId"] as string ?? "") is not { } pool)
        {
            return NotFoundAsync(context);
        }

        // Assumed (unsure): without a domain, the domain-hosted endpoints are left out.
        var fields = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["issuer"] = pool.Issuer,
            ["response_types_supported"] = new JsonArray("code", "token"),
            ["scopes_supported"] = new JsonArray("openid", "email", "phone", "profile"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_basic", "client_secret_post"),
        };
        var domain = pool.DomainUrl?.ToString();
        foreach (var endpoint in CognitoEndpoints.All.Where(e => e.DiscoveryField is not null))
        {
            var origin = endpoint.Origin == EndpointOrigin.Issuer ? pool.Issuer : domain;
            if (origin is not null)
            {
                fields[endpoint.DiscoveryField!] = origin + endpoint.Path;
            }
        }

        return WriteAsync(context, new JsonObject(fields));
    }

    public Task JwksAsync(HttpContext context)
    {
        if (faults.JwksUnavailable)
        {
            return UnavailableAsync(context);
        }

        if (pools.Find(context.Request.RouteValues["poolId"] as string ?? "") is not { } pool)
        {
            return NotFoundAsync(context);
        }

        var keys = new JsonArray();
        foreach (var key in pool.TokenIssuer.Keys.Published)
        {
            var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
            // Typed as JsonNode so Add(JsonNode) is called, not Add<T>(T), which serializes T by reflection.
            JsonNode jwk = new JsonObject
            {
                ["alg"] = "RS256",
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                ["kid"] = key.KeyId,
                ["kty"] = "RSA",
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["use"] = "sig",
            };
            keys.Add(jwk);
        }

        return WriteAsync(context, new JsonObject { ["keys"] = keys });
    }

    private static Task WriteAsync(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json;charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString(Unescaped), context.RequestAborted);
    }

    // Assumed: an unknown pool answers 404 with a small JSON message, as Cognito does for a bad pool id.
    private static Task NotFoundAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return WriteAsync(context, new JsonObject { ["message"] = "User pool does not exist." });
    }

    private static Task UnavailableAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return WriteAsync(context, new JsonObject { ["message"] = "Service Unavailable (LocalCognito fault injection)." });
    }
}
