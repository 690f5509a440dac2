using System.Globalization;
using Cognito.Mcp.Auth.Testing;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// Users of the development pool, each signed in once through its web client: one access token per user, distinct in
/// <c>sub</c>, <c>username</c> and <c>jti</c>, minted before the run so that no token is issued while it is measured.
/// </summary>
internal static class UserTokens
{
    public static string[] Mint(LocalUserPool pool, int users)
    {
        var tokens = new string[users];
        for (var i = 0; i < users; i++)
        {
            var username = string.Create(CultureInfo.InvariantCulture, $"load-user-{i:0000}");
            pool.AddUser(username, "Load-test-only-1!");
            tokens[i] = pool.IssueUserAccessToken(LocalCognitoDevelopmentPool.WebClientId, username, ["openid", LocalCognitoDevelopmentPool.ReadScope]);
        }

        return tokens;
    }
}
