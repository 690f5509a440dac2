using System.Net;
using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

/// <summary>The management API's wire shapes, over raw HTTP.</summary>
public sealed class ManagementApiTests
{
    [Fact]
    public async Task CreateUserPoolClient_answers_Cognito_shape_with_secret()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await ManagementCalls.CallAsync(t.Http, t.Cognito, "CreateUserPoolClient", $$"""
            {"UserPoolId":"{{t.Pool.Id}}","ClientName":"web2","GenerateSecret":true,"AllowedOAuthFlows":["code"],
             "AllowedOAuthScopes":["openid","orders-api/read"],"AllowedOAuthFlowsUserPoolClient":true,
             "CallbackURLs":["https://app.example.com/cb"],"AccessTokenValidity":30,"TokenValidityUnits":{"AccessToken":"minutes"} }
            """);
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType!.MediaType);
        var client = t.Pool.Clients.Single(c => c.Name == "web2");
        Assert.Equal(TimeSpan.FromMinutes(30), client.AccessTokenValidity);
        Snapshots.MatchJson(body.Replace(t.Pool.Id, "us-east-1_POOLID", StringComparison.Ordinal), "create-user-pool-client", ["ClientId", "ClientSecret", "CreationDate", "LastModifiedDate"]);
    }

    [Fact]
    public async Task DescribeUserPool_shows_the_domain()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await ManagementCalls.CallAsync(t.Http, t.Cognito, "DescribeUserPool", $$"""{"UserPoolId":"{{t.Pool.Id}}"}""");
        var body = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Snapshots.MatchJson(body.Replace(t.Pool.Id, "us-east-1_POOLID", StringComparison.Ordinal), "describe-user-pool", ["CreationDate", "LastModifiedDate"]);
    }

    [Fact]
    public async Task DeleteUserPool_with_a_domain_is_refused_until_the_domain_is_deleted()
    {
        await using var t = await TestCognito.StartAsync();
        var pool = $$"""{"UserPoolId":"{{t.Pool.Id}}"}""";

        var refused = await ManagementCalls.CallAsync(t.Http, t.Cognito, "DeleteUserPool", pool);
        var domain = await ManagementCalls.CallAsync(t.Http, t.Cognito, "DeleteUserPoolDomain", $$"""{"UserPoolId":"{{t.Pool.Id}}","Domain":"test"}""");
        var deleted = await ManagementCalls.CallAsync(t.Http, t.Cognito, "DeleteUserPool", pool);
        var describe = await ManagementCalls.CallAsync(t.Http, t.Cognito, "DescribeUserPool", pool);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, domain.StatusCode);
        Assert.Equal("{}", await deleted.BodyAsync());
        Assert.Equal(HttpStatusCode.BadRequest, describe.StatusCode);
        Assert.Null(t.Cognito.FindUserPool(t.Pool.Id));
    }

    [Fact]
    public async Task DescribeUserPoolDomain_of_unknown_domain_is_an_empty_description()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await ManagementCalls.CallAsync(t.Http, t.Cognito, "DescribeUserPoolDomain", """{"Domain":"nobody"}""");

        Assert.Equal("""{"DomainDescription":{}}""", await response.BodyAsync());
    }

    [Fact]
    public async Task ListUserPools_pages_with_NextToken()
    {
        await using var t = await TestCognito.StartAsync();
        t.Cognito.CreateUserPool("second");

        var first = await (await ManagementCalls.CallAsync(t.Http, t.Cognito, "ListUserPools", """{"MaxResults":1}""")).JsonAsync();
        var second = await (await ManagementCalls.CallAsync(t.Http, t.Cognito, "ListUserPools", $$"""{"MaxResults":1,"NextToken":"{{first["NextToken"]}}"}""")).JsonAsync();

        Assert.Equal("test-pool", (string?)first["UserPools"]![0]!["Name"]);
        Assert.Equal("second", (string?)second["UserPools"]![0]!["Name"]);
        Assert.False(second.ContainsKey("NextToken"));
    }

    public static TheoryData<string, string?, string, string> Refusals => new()
    {
        { "malformed-json", "DescribeUserPool", "{not json", "application/x-amz-json-1.1" },
        { "array-body", "DescribeUserPool", "[]", "application/x-amz-json-1.1" },
        { "wrong-content-type", "DescribeUserPool", "{}", "text/plain" },
        { "unknown-operation", "AdminDeleteUser", "{}", "application/x-amz-json-1.1" },
        { "missing-target", null, "{}", "application/x-amz-json-1.1" },
        { "missing-field", "DescribeUserPool", "{}", "application/x-amz-json-1.1" },
        { "wrong-type", "DescribeUserPool", """{"UserPoolId":42}""", "application/x-amz-json-1.1" },
        { "unknown-pool", "DescribeUserPool", """{"UserPoolId":"us-east-1_Missing00"}""", "application/x-amz-json-1.1" },
        { "malformed-pool-id", "DescribeUserPool", """{"UserPoolId":"not-a-pool-id"}""", "application/x-amz-json-1.1" },
        { "malformed-pool-id-suffix", "CreateUserPoolClient", """{"UserPoolId":"us-east-1_Bad/Id","ClientName":"c"}""", "application/x-amz-json-1.1" },
        { "list-without-max", "ListUserPools", "{}", "application/x-amz-json-1.1" },
        { "bad-unit", "CreateUserPoolClient", """{"UserPoolId":"POOL","ClientName":"c","TokenValidityUnits":{"AccessToken":"weeks"}}""", "application/x-amz-json-1.1" },
        { "bad-domain", "CreateUserPoolDomain", """{"UserPoolId":"POOL","Domain":"My_Domain"}""", "application/x-amz-json-1.1" },
        { "duplicate-user", "AdminCreateUser", """{"UserPoolId":"POOL","Username":"alice"}""", "application/x-amz-json-1.1" },
        { "unknown-user", "AdminSetUserPassword", """{"UserPoolId":"POOL","Username":"bob","Password":"Passw0rd!x","Permanent":true}""", "application/x-amz-json-1.1" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Malformed_or_refused_management_requests_answer_400_with_type_and_message(string name, string? operation, string body, string contentType)
    {
        await using var t = await TestCognito.StartAsync();

        var response = await ManagementCalls.CallAsync(t.Http, t.Cognito, operation, body.Replace("POOL", t.Pool.Id, StringComparison.Ordinal), contentType);
        var text = await response.BodyAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Snapshots.MatchJson(text.Replace(t.Pool.Id, "us-east-1_POOLID", StringComparison.Ordinal), $"error-{name}");
    }

    [Fact]
    public async Task Huge_management_body_is_a_400_not_a_500()
    {
        await using var t = await TestCognito.StartAsync();

        var response = await ManagementCalls.CallAsync(t.Http, t.Cognito, "CreateUserPool", $$"""{"PoolName":"{{new string('x', 200_000)}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SerializationException", (string?)(await response.JsonAsync())["__type"]);
    }
}
