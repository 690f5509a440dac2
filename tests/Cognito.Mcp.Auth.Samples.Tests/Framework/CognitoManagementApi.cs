using System.Text;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.Samples.Tests.Framework;

/// <summary>Calls LocalCognito's management API (AWS JSON 1.1) directly, without the AWS CLI's start-up cost.</summary>
internal static class CognitoManagementApi
{
    public static async Task<(int Status, JsonObject Body)> CallAsync(LocalCognito cognito, string operation, JsonObject request)
    {
        using var http = new HttpClient();
        using var content = new StringContent(request.ToJsonString(), Encoding.UTF8);
        content.Headers.ContentType = new("application/x-amz-json-1.1");
        using var message = new HttpRequestMessage(HttpMethod.Post, cognito.ManagementEndpoint) { Content = content };
        message.Headers.Add("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        using var response = await http.SendAsync(message, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject());
    }
}
