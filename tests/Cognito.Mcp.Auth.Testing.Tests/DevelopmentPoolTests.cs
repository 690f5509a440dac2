using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;
using static Cognito.Mcp.Auth.Testing.LocalCognitoDevelopmentPool;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class DevelopmentPoolTests
{
    [Fact]
    public async Task Development_pool_is_seeded_with_fixed_ids_and_secrets()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;

        Assert.Equal(UserPoolId, pool.Id);
        Assert.Equal($"{cognito.BaseAddress}/domain/{DomainPrefix}", pool.DomainUrl!.ToString());
        Assert.Equal(WebClientSecret, pool.FindClient(WebClientId)!.ClientSecret);
        Assert.Equal(M2MClientSecret, pool.FindClient(M2MClientId)!.ClientSecret);
        Assert.Equal(OtherApiM2MClientSecret, pool.FindClient(OtherApiM2MClientId)!.ClientSecret);
        Assert.All([WebClientId, M2MClientId, OtherApiM2MClientId], id => Assert.Matches("^[a-z0-9]{26}$", id));
        Assert.Equal(DemoUserSub, pool.FindUser(DemoUsername)!.Sub);
        Assert.Equal("CONFIRMED", pool.FindUser(DemoUsername)!.Status);
        Assert.Same(pool, cognito.GetUserPool(UserPoolId));
    }

    [Fact]
    public async Task Development_pool_key_ids_hold_plus_slash_and_equals_so_every_library_test_meets_them()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: TestContext.Current.CancellationToken);
        var pool = cognito.DevelopmentPool!;
        var token = pool.IssueAccessToken(M2MClientId, [ReadScope]);

        Assert.All([pool.AccessTokenSigningKey.KeyId, pool.IdTokenSigningKey.KeyId], kid => Assert.True(
            kid.Contains('+', StringComparison.Ordinal) && kid.Contains('/', StringComparison.Ordinal) && kid.EndsWith('='),
            $"Key id {kid} lacks one of + / ="));
        Assert.Equal($$"""{"kid":"{{pool.AccessTokenSigningKey.KeyId}}","alg":"RS256"}""", Jwt.RawHeader(token));
    }

    [Fact]
    public async Task Development_m2m_clients_get_their_scopes()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        var pool = cognito.DevelopmentPool!;

        async Task<string?> ScopeAsync(string id, string secret)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, pool.TokenEndpoint)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            };
            request.Headers.Authorization = TestCognito.Basic(id, secret);
            var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (string?)Jwt.Payload((string)(await response.JsonAsync())["access_token"]!)["scope"];
        }

        Assert.Equal($"{ReadScope} {WriteScope}", await ScopeAsync(M2MClientId, M2MClientSecret));
        Assert.Equal(OtherApiAdminScope, await ScopeAsync(OtherApiM2MClientId, OtherApiM2MClientSecret));
    }

    [Fact]
    public async Task Client_ToString_never_reveals_the_secret()
    {
        await using var cognito = await LocalCognito.StartWithDevelopmentPoolAsync(cancellationToken: TestContext.Current.CancellationToken);

        var text = cognito.DevelopmentPool!.FindClient(M2MClientId)!.ToString();

        Assert.DoesNotContain(M2MClientSecret, text, StringComparison.Ordinal);
        Assert.Contains(M2MClientId, text, StringComparison.Ordinal);
    }
}
