using System.Net.Http.Headers;
using System.Text;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// Before anything is measured: each protected server must refuse a call without a token, with a token of a client it
/// does not allow, and with a token lacking the required scope. A variant that let these through would be measured
/// doing less work than its peers.
/// </summary>
internal static class RefusalCheck
{
    public static async Task<IReadOnlyList<string>> RunAsync(HttpClient http, Uri endpoint, LocalUserPool pool)
    {
        (string Case, string? Token)[] cases =
        [
            ("no token", null),
            ("a client that is not allowed", pool.IssueAccessToken("notallowedclient000000001", [LocalCognitoDevelopmentPool.ReadScope])),
            ("no required scope", pool.IssueAccessToken(LocalCognitoDevelopmentPool.M2MClientId, [LocalCognitoDevelopmentPool.WriteScope])),
        ];
        var accepted = new List<string>();
        foreach (var (name, token) in cases)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
            {
                Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"add","arguments":{"a":2,"b":3}}}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.ParseAdd("application/json, text/event-stream");
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                accepted.Add(name);
            }
        }

        return accepted;
    }
}
