using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>Start-up validation: each bad setting is named, with the fix, and all errors come at once.</summary>
public sealed class OptionsValidationTests
{
    private const string PoolId = "us-east-1_AbCdEf123";

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Cognito:UserPoolId"] = PoolId,
        ["Cognito:AllowedClientIds:0"] = "1example23456789abcdefghij",
        ["Cognito:RequiredScopes:0"] = "my-api/read",
        ["Cognito:Resource"] = "https://mcp.example.com/mcp",
    };

    private static CognitoMcpAuthOptions Resolve(IDictionary<string, string?> settings, string environment = "Development", Action<CognitoMcpAuthOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(environment));
        services.AddLogging();
        if (configure is null)
        {
            services.AddCognitoMcpAuth();
        }
        else
        {
            services.AddCognitoMcpAuth(configure);
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CognitoMcpAuthOptions>>().Value;
    }

    private static string Errors(IDictionary<string, string?> settings, string environment = "Development") =>
        Assert.Throws<OptionsValidationException>(() => Resolve(settings, environment)).Message;

    [Fact]
    public void Valid_settings_derive_the_real_cognito_issuer_and_metadata_address()
    {
        var options = Resolve(Valid());

        Assert.Equal("us-east-1", options.Region);
        Assert.Equal($"https://cognito-idp.us-east-1.amazonaws.com/{PoolId}", options.Issuer);
        Assert.Equal($"https://cognito-idp.us-east-1.amazonaws.com/{PoolId}/.well-known/openid-configuration", options.MetadataAddress);
        Assert.Equal(["my-api/read"], options.ScopesSupported);
    }

    [Fact]
    public void Empty_configuration_names_every_missing_setting_at_once()
    {
        var message = Errors(new Dictionary<string, string?>());

        Assert.Contains("Cognito:UserPoolId is missing", message, StringComparison.Ordinal);
        Assert.Contains("Cognito:AllowedClientIds is empty", message, StringComparison.Ordinal);
        Assert.Contains("Cognito:RequiredScopes is empty", message, StringComparison.Ordinal);
        Assert.Contains("Cognito:Resource is missing", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-east-1", "not a user pool id")]
    [InlineData("us-east-1_", "not a user pool id")]
    [InlineData("east_AbCdEf123", "not a user pool id")]
    public void Malformed_user_pool_id_is_refused(string poolId, string expected)
    {
        var settings = Valid();
        settings["Cognito:UserPoolId"] = poolId;

        Assert.Contains(expected, Errors(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_client_allow_list_is_refused_unless_any_client_is_explicitly_allowed()
    {
        var settings = Valid();
        settings.Remove("Cognito:AllowedClientIds:0");
        Assert.Contains("Cognito:AllowAnyClientOfPool", Errors(settings), StringComparison.Ordinal);

        settings["Cognito:AllowAnyClientOfPool"] = "true";
        Assert.True(Resolve(settings).AllowAnyClientOfPool);
    }

    [Fact]
    public void Region_that_differs_from_the_pool_region_is_refused()
    {
        var settings = Valid();
        settings["Cognito:Region"] = "eu-west-1";

        Assert.Contains("differs from the region of Cognito:UserPoolId", Errors(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Ambient_aws_region_of_another_region_does_not_override_the_pool_region()
    {
        var settings = Valid();
        settings["AWS_REGION"] = "eu-central-1";
        settings["AWS:Region"] = "eu-central-1";

        var options = Resolve(settings);

        Assert.Equal("us-east-1", options.Region);
        Assert.Equal($"https://cognito-idp.us-east-1.amazonaws.com/{PoolId}", options.Issuer);
    }

    [Fact]
    public void Messages_name_the_configuration_section_actually_bound()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection().Build());
        services.AddCognitoMcpAuth("Auth:Cognito", configure: null);
        using var provider = services.BuildServiceProvider();

        var message = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<CognitoMcpAuthOptions>>().Value).Message;

        Assert.Contains("Auth:Cognito:UserPoolId is missing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_refresh_interval_below_identity_model_minimum_is_refused()
    {
        var settings = Valid();
        settings["Cognito:KeyRefreshInterval"] = "00:01:00";

        Assert.Contains("Cognito:KeyRefreshInterval 00:01:00 is below 00:05:00", Errors(settings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://mcp.example.com/mcp", "uses http")]
    [InlineData("mcp.example.com/mcp", "not an absolute http(s) URL")]
    [InlineData("https://mcp.example.com/mcp#x", "not an absolute http(s) URL")]
    public void Resource_must_be_a_canonical_https_url(string resource, string expected)
    {
        var settings = Valid();
        settings["Cognito:Resource"] = resource;

        Assert.Contains(expected, Errors(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Http_resource_on_localhost_is_accepted()
    {
        var settings = Valid();
        settings["Cognito:Resource"] = "http://localhost:8080/mcp";

        Assert.Equal("http://localhost:8080/mcp", Resolve(settings).Resource);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    [InlineData("development-eu")]
    public void Local_emulator_issuer_is_refused_in_every_environment_but_Development(string environment)
    {
        var settings = Valid();
        settings["Cognito:Issuer"] = $"http://127.0.0.1:9229/{PoolId}";

        Assert.Equal($"http://127.0.0.1:9229/{PoolId}", Resolve(settings).Issuer);
        Assert.Contains(
            $"Cognito:Issuer \"http://127.0.0.1:9229/{PoolId}\" is a local emulator (plain http or a loopback host), and the environment is {environment}, not Development.",
            Errors(settings, environment),
            StringComparison.Ordinal);
        Assert.Contains("Cognito:MetadataAddress", Errors(settings, environment), StringComparison.Ordinal);
    }

    [Fact]
    public void Local_emulator_issuer_is_accepted_outside_Development_only_when_allowed_explicitly()
    {
        var settings = Valid();
        settings["Cognito:Issuer"] = $"http://127.0.0.1:9229/{PoolId}";
        settings["Cognito:AllowLocalIssuer"] = "true";

        Assert.Equal($"http://127.0.0.1:9229/{PoolId}", Resolve(settings, "Staging").Issuer);
    }

    [Theory]
    [InlineData("openid")]
    [InlineData("email")]
    [InlineData("aws.cognito.signin.user.admin")]
    public void A_user_pool_scope_cannot_protect_the_server(string scope)
    {
        var settings = Valid();
        settings["Cognito:ResourceServerIdentifier"] = "my-api";
        settings["Cognito:RequiredScopes:1"] = scope;

        Assert.Contains($"Cognito:RequiredScopes contains \"{scope}\", a scope of the user pool itself", Errors(settings), StringComparison.Ordinal);
        settings.Remove("Cognito:ResourceServerIdentifier");
        Assert.Contains($"Cognito:RequiredScopes contains \"{scope}\", a scope of the user pool itself", Errors(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Required_scopes_must_belong_to_the_resource_server()
    {
        var settings = Valid();
        settings["Cognito:ResourceServerIdentifier"] = "my-api";
        settings["Cognito:RequiredScopes:1"] = "other-api/admin";

        Assert.Contains(
            "Cognito:RequiredScopes contains \"other-api/admin\", which does not belong to Cognito:ResourceServerIdentifier \"my-api\"",
            Errors(settings),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://cognito.example.com/us-east-1_AbCdEf123", "uses http on a host that is not loopback")]
    [InlineData("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/", "without a trailing slash")]
    [InlineData("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other0000", "does not end with Cognito:UserPoolId")]
    public void Issuer_override_is_checked(string issuer, string expected)
    {
        var settings = Valid();
        settings["Cognito:Issuer"] = issuer;

        Assert.Contains(expected, Errors(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void Unqualified_scopes_are_qualified_with_the_resource_server()
    {
        var settings = Valid();
        settings["Cognito:RequiredScopes:0"] = "read";
        settings["Cognito:ResourceServerIdentifier"] = "my-api";
        settings["Cognito:ScopesSupported:0"] = "read";
        settings["Cognito:ScopesSupported:1"] = "write";

        var options = Resolve(settings);

        Assert.Equal(["my-api/read"], options.RequiredScopes);
        Assert.Equal(["my-api/read", "my-api/write"], options.ScopesSupported);
    }

    [Fact]
    public void Code_configuration_overrides_the_configuration_section()
    {
        var options = Resolve(Valid(), configure: o => o.Resource = "https://other.example.com/mcp");

        Assert.Equal("https://other.example.com/mcp", options.Resource);
    }

    [Fact]
    public async Task Application_with_invalid_settings_stops_at_start_up()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddCognitoMcpAuth();
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Cognito:UserPoolId is missing", error.Message, StringComparison.Ordinal);
    }

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
