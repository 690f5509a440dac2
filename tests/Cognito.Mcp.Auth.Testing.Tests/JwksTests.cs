using System.Net;
using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class JwksTests
{
    [Fact]
    public async Task Jwks_publishes_two_RSA_signing_keys_in_Cognito_shape()
    {
        await using var t = await TestCognito.StartAsync();

        var body = await (await t.Http.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken)).BodyAsync();
        var keys = JsonNode.Parse(body)!["keys"]!.AsArray();

        Assert.Equal(2, keys.Count);
        Assert.Equal([t.Pool.AccessTokenSigningKey.KeyId, t.Pool.IdTokenSigningKey.KeyId], keys.Select(k => (string)k!["kid"]!));
        Assert.NotEqual(t.Pool.AccessTokenSigningKey.KeyId, t.Pool.IdTokenSigningKey.KeyId);
        Assert.All(keys, k => Assert.Equal(342, ((string)k!["n"]!).Length));
        Snapshots.MatchJson(body, "jwks", ["kid", "n"]);
    }

    [Fact]
    public async Task Key_ids_are_standard_base64_with_plus_slash_and_padding_written_as_is()
    {
        await using var t = await TestCognito.StartAsync();
        t.Pool.RotateSigningKeys();

        var body = await (await t.Http.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken)).BodyAsync();
        var kids = (await KidsAsync(t)).ToList();

        Assert.Equal(4, kids.Distinct().Count());
        Assert.All(kids, kid =>
        {
            Assert.Matches("^[A-Za-z0-9+/]{43}=$", kid);
            Assert.Contains('+', kid);
            Assert.Contains('/', kid);
            Assert.Contains($"\"kid\":\"{kid}\"", body, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("\\u002B", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_keeps_previous_keys_in_jwks_by_default()
    {
        await using var t = await TestCognito.StartAsync();
        var oldKid = t.Pool.AccessTokenSigningKey.KeyId;

        t.Pool.RotateSigningKeys();
        var kids = await KidsAsync(t);

        Assert.Equal(4, kids.Count);
        Assert.Contains(oldKid, kids);
        Assert.Equal(t.Pool.AccessTokenSigningKey.KeyId, kids[0]);
    }

    [Fact]
    public async Task Removing_retired_keys_leaves_the_current_keys_only()
    {
        await using var t = await TestCognito.StartAsync();
        var oldKid = t.Pool.AccessTokenSigningKey.KeyId;
        t.Pool.RotateSigningKeys();

        t.Pool.RemoveRetiredSigningKeys();
        var kids = await KidsAsync(t);

        Assert.Equal([t.Pool.AccessTokenSigningKey.KeyId, t.Pool.IdTokenSigningKey.KeyId], kids);
        Assert.DoesNotContain(oldKid, kids);
    }

    [Fact]
    public async Task Rotation_without_keeping_drops_previous_keys()
    {
        await using var t = await TestCognito.StartAsync();
        var oldKid = t.Pool.AccessTokenSigningKey.KeyId;

        t.Pool.RotateSigningKeys(keepPreviousKeysInJwks: false);
        var kids = await KidsAsync(t);

        Assert.Equal(2, kids.Count);
        Assert.DoesNotContain(oldKid, kids);
    }

    [Fact]
    public async Task Jwks_answers_503_while_JwksUnavailable()
    {
        await using var t = await TestCognito.StartAsync();
        t.Cognito.Faults.JwksUnavailable = true;

        var response = await t.Http.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, t.Cognito.Requests.Jwks);
    }

    private static async Task<List<string>> KidsAsync(TestCognito t)
    {
        var jwks = await (await t.Http.GetAsync(t.Pool.JwksUri, TestContext.Current.CancellationToken)).JsonAsync();
        return [.. jwks["keys"]!.AsArray().Select(k => (string)k!["kid"]!)];
    }
}
