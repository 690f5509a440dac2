using Cognito.Mcp.Auth.Testing.Tests.Framework;

namespace Cognito.Mcp.Auth.Testing.Tests;

public sealed class AppClientValidationTests
{
    public static TheoryData<string, string[], string[], bool, string> InvalidClients => new()
    {
        { "unknown custom scope", [LocalOAuthFlows.ClientCredentials], ["orders-api/delete"], true, "ScopeDoesNotExistException" },
        { "client_credentials with code", [LocalOAuthFlows.ClientCredentials, LocalOAuthFlows.Code], [TestData.ReadScope], true, "InvalidOAuthFlowException" },
        { "client_credentials without secret", [LocalOAuthFlows.ClientCredentials], [TestData.ReadScope], false, "InvalidOAuthFlowException" },
        { "client_credentials with openid", [LocalOAuthFlows.ClientCredentials], ["openid"], true, "InvalidOAuthFlowException" },
        { "unknown flow", ["password"], [TestData.ReadScope], true, "InvalidParameterException" },
        { "code without callback", [LocalOAuthFlows.Code], ["openid"], false, "InvalidParameterException" },
    };

    [Theory]
    [MemberData(nameof(InvalidClients))]
    public async Task Invalid_client_settings_are_refused_like_Cognito(string name, string[] flows, string[] scopes, bool secret, string errorType)
    {
        await using var t = await TestCognito.StartAsync();

        var exception = Assert.Throws<LocalCognitoException>(() => t.Pool.AddClient(new LocalAppClientSettings
        {
            Name = name.Replace(' ', '-'),
            GenerateSecret = secret,
            AllowedOAuthFlows = flows,
            AllowedOAuthScopes = scopes,
        }));

        Assert.Equal(errorType, exception.ErrorType);
    }

    [Fact]
    public async Task Token_validity_outside_Cognito_limits_is_refused()
    {
        await using var t = await TestCognito.StartAsync();

        var exception = Assert.Throws<LocalCognitoException>(() => t.Pool.AddClient(new LocalAppClientSettings
        {
            Name = "x",
            AccessTokenValidity = TimeSpan.FromMinutes(1),
        }));

        Assert.Equal("InvalidParameterException", exception.ErrorType);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    [InlineData(1500)]
    [InlineData(2 * 24 * 3600 * 1000)]
    public async Task Emulator_only_access_token_validity_outside_whole_seconds_from_one_second_to_one_day_is_refused(long milliseconds)
    {
        await using var t = await TestCognito.StartAsync();

        var exception = Assert.Throws<LocalCognitoException>(() => t.Pool.AddClient(new LocalAppClientSettings
        {
            Name = "x",
            EmulatorOnlyAccessTokenValidity = TimeSpan.FromMilliseconds(milliseconds),
        }));

        Assert.Equal("InvalidParameterException", exception.ErrorType);
        Assert.Contains("EmulatorOnlyAccessTokenValidity", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weak_password_is_refused_with_InvalidPasswordException()
    {
        await using var t = await TestCognito.StartAsync();

        var exception = Assert.Throws<LocalCognitoException>(() => t.Pool.AddUser("bob", "password"));

        Assert.Equal("InvalidPasswordException", exception.ErrorType);
    }

    [Fact]
    public async Task Pool_without_domain_explains_that_AddDomain_is_needed()
    {
        await using var cognito = await LocalCognito.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var pool = cognito.CreateUserPool("no-domain");

        var exception = Assert.Throws<InvalidOperationException>(() => pool.TokenEndpoint);

        Assert.Contains("AddDomain", exception.Message, StringComparison.Ordinal);
        Assert.Null(pool.DomainUrl);
    }
}
