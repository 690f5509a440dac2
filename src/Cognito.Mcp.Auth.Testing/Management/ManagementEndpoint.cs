using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Testing.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>
/// <c>POST /</c>: Cognito's management API in AWS JSON 1.1 (<c>X-Amz-Target: AWSCognitoIdentityProviderService.{Op}</c>).
/// SigV4 signatures are not verified. Every refusal is HTTP 400 <c>{"__type":"…","message":"…"}</c>.
/// Assumed (unsure): a body that is not JSON, or of another content type, is a <c>SerializationException</c>; an
/// unknown or missing target an <c>UnknownOperationException</c>, as other AWS JSON services answer.
/// </summary>
internal sealed partial class ManagementEndpoint(UserPoolRegistry pools, ILogger logger)
{
    private const string TargetPrefix = "AWSCognitoIdentityProviderService.";
    private const string AmzJson = "application/x-amz-json-1.1";

    private static readonly Dictionary<string, Func<UserPoolRegistry, ManagementRequest, JsonObject>> Operations = new(StringComparer.Ordinal)
    {
        ["CreateUserPool"] = UserPoolOperations.Create,
        ["DescribeUserPool"] = UserPoolOperations.Describe,
        ["DeleteUserPool"] = UserPoolOperations.Delete,
        ["ListUserPools"] = UserPoolOperations.List,
        ["CreateUserPoolDomain"] = DomainOperations.Create,
        ["DescribeUserPoolDomain"] = DomainOperations.Describe,
        ["DeleteUserPoolDomain"] = DomainOperations.Delete,
        ["CreateResourceServer"] = ResourceServerOperations.Create,
        ["DescribeResourceServer"] = ResourceServerOperations.Describe,
        ["CreateUserPoolClient"] = UserPoolClientOperations.Create,
        ["DescribeUserPoolClient"] = UserPoolClientOperations.Describe,
        ["ListUserPoolClients"] = UserPoolClientOperations.List,
        ["AdminCreateUser"] = UserOperations.AdminCreateUser,
        ["AdminSetUserPassword"] = UserOperations.AdminSetUserPassword,
    };

    public async Task HandleAsync(HttpContext context)
    {
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operation = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        try
        {
            if (!Operations.TryGetValue(operation, out var handler))
            {
                throw new LocalCognitoException("UnknownOperationException", $"Unknown or missing X-Amz-Target '{target}': LocalCognito supports {string.Join(", ", Operations.Keys)}.");
            }

            if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
                || !(mediaType.MediaType.Equals(AmzJson, StringComparison.OrdinalIgnoreCase) || mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            {
                throw new LocalCognitoException("SerializationException", $"Content-Type must be {AmzJson}.");
            }

            using var document = await ReadAsync(context);
            var result = handler(pools, new ManagementRequest(document.RootElement, Region(context)));
            Log.ManagementSucceeded(logger, operation);
            await WriteAsync(context, StatusCodes.Status200OK, result);
        }
        catch (LocalCognitoException exception)
        {
            Log.ManagementRefused(logger, operation, exception.ErrorType, exception.Message);
            context.Response.Headers["x-amzn-ErrorType"] = exception.ErrorType + ":";
            await WriteAsync(context, StatusCodes.Status400BadRequest, new JsonObject { ["__type"] = exception.ErrorType, ["message"] = exception.Message });
        }
    }

    private static async Task<JsonDocument> ReadAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
        }
        catch (Exception exception) when (exception is JsonException or BadHttpRequestException or IOException)
        {
            throw new LocalCognitoException("SerializationException", "The request body is not valid JSON or is too large.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new LocalCognitoException("SerializationException", "The request body must be a JSON object.");
        }

        return document;
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = AmzJson;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static string Region(HttpContext context)
    {
        var match = CredentialScope().Match(context.Request.Headers.Authorization.ToString());
        return match.Success ? match.Groups[1].Value : "us-east-1";
    }

    [GeneratedRegex(@"Credential=[^/]+/\d{8}/([a-z0-9-]+)/cognito-idp/")]
    private static partial Regex CredentialScope();
}
