using System.Text;

namespace Cognito.Mcp.Auth.Testing.Tests.Framework;

/// <summary>Raw AWS JSON 1.1 calls to the management API.</summary>
internal static class ManagementCalls
{
    public static Task<HttpResponseMessage> CallAsync(HttpClient http, LocalCognito cognito, string? operation, string body, string contentType = "application/x-amz-json-1.1")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, cognito.BaseUrl)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (operation is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSCognitoIdentityProviderService.{operation}");
        }

        return http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
