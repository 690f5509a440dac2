using Cognito.Mcp.Auth.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Tests.Client;

public sealed class CognitoTokenClientOptionsTests
{
    private static OptionsValidationException Validate(Dictionary<string, string?> settings, string name = "")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddCognitoTokenClient(name, configuration.GetSection("Cognito"));
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<CognitoTokenClientOptions>>().Get(name));
    }

    [Fact]
    public void Empty_options_report_every_missing_setting_at_once_by_its_configuration_key()
    {
        var exception = Validate(new() { ["Cognito:Scopes:0"] = "my-api/read" });

        Assert.Equal(3, exception.Failures.Count());
        Assert.Contains(exception.Failures, f => f.Contains("Cognito:DomainPrefix", StringComparison.Ordinal) && f.Contains("Cognito:McpServerUrl", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Cognito:ClientId is required", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Cognito:ClientSecret is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://auth.example.com")]
    [InlineData("http://10.0.0.5:8080")]
    public void Plain_http_is_refused_for_a_remote_domain(string domain)
    {
        var exception = Validate(new()
        {
            ["Cognito:Domain"] = domain,
            ["Cognito:ClientId"] = "id",
            ["Cognito:ClientSecret"] = "secret",
            ["Cognito:Scopes:0"] = "my-api/read",
        });

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("Cognito:Domain", failure, StringComparison.Ordinal);
        Assert.Contains("https", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://localhost:5000")]
    [InlineData("https://auth.example.com")]
    public void Https_or_a_loopback_host_is_accepted(string domain)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cognito:Domain"] = domain,
            ["Cognito:ClientId"] = "id",
            ["Cognito:ClientSecret"] = "secret",
            ["Cognito:Scopes:0"] = "my-api/read",
        }).Build();
        var services = new ServiceCollection().AddCognitoTokenClient(configuration.GetSection("Cognito"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<CognitoTokenClientOptions>>().Get(string.Empty);

        Assert.Equal(new Uri(domain), options.Domain);
    }

    [Fact]
    public void Two_ways_to_the_token_endpoint_are_one_too_many()
    {
        var exception = Validate(new()
        {
            ["Cognito:DomainPrefix"] = "my-pool",
            ["Cognito:Region"] = "us-east-1",
            ["Cognito:TokenEndpoint"] = "https://auth.example.com/oauth2/token",
            ["Cognito:ClientId"] = "id",
            ["Cognito:ClientSecret"] = "secret",
            ["Cognito:Scopes:0"] = "my-api/read",
        });

        var failure = Assert.Single(exception.Failures);
        Assert.Contains("more than once", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-00:00:01", "Cognito:LockWaitTimeout must be zero or positive; it is -00:00:01.")]
    [InlineData("00:10:01", "Cognito:LockWaitTimeout must be at most 10 minutes; it is 00:10:01. Callers wait this long at most for another process's token.")]
    public void A_lock_wait_out_of_range_is_refused_by_its_key(string value, string message)
    {
        var exception = Validate(new()
        {
            ["Cognito:TokenEndpoint"] = "https://auth.example.com/oauth2/token",
            ["Cognito:ClientId"] = "id",
            ["Cognito:ClientSecret"] = "secret",
            ["Cognito:Scopes:0"] = "my-api/read",
            ["Cognito:LockWaitTimeout"] = value,
        });

        Assert.Equal(message, Assert.Single(exception.Failures));
    }

    [Fact]
    public void Options_set_in_code_are_named_by_property_and_client()
    {
        var services = new ServiceCollection().AddCognitoTokenClient("calculator", o => o.ClientId = "id");
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<CognitoTokenClientOptions>>().Get("calculator"));

        Assert.Contains(exception.Failures, f => f.StartsWith("CognitoTokenClientOptions.ClientSecret (token client 'calculator') is required", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Domain_prefix_and_region_make_the_cognito_domain_token_endpoint()
    {
        var services = new ServiceCollection().AddCognitoTokenClient(o =>
        {
            o.DomainPrefix = "my-pool";
            o.Region = "eu-west-1";
            o.ClientId = "id";
            o.ClientSecret = "secret";
            o.Scopes.Add("my-api/read");
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<CognitoTokenClientOptions>>().Get(string.Empty);
        var resolver = new Cognito.Mcp.Auth.Client.Internal.TokenEndpointResolver(null!, null!, TimeProvider.System);

        Assert.Equal(
            new Uri("https://my-pool.auth.eu-west-1.amazoncognito.com/oauth2/token"),
            await resolver.ResolveAsync(string.Empty, options, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("AWS:Region", "eu-west-1")]
    [InlineData("AWS_REGION", "eu-central-1")]
    [InlineData("AWS_DEFAULT_REGION", "ap-south-1")]
    public async Task A_domain_prefix_alone_takes_the_region_from_the_AWS_configuration(string key, string region)
    {
        var endpoint = await ResolveWithAwsConfigurationAsync(new() { [key] = region });

        Assert.Equal(new Uri($"https://my-pool.auth.{region}.amazoncognito.com/oauth2/token"), endpoint);
    }

    [Fact]
    public async Task A_domain_prefix_alone_takes_the_region_of_the_AWS_profile()
    {
        var credentials = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(credentials, "[ci-profile]\nregion = sa-east-1\n", TestContext.Current.CancellationToken);

            var endpoint = await ResolveWithAwsConfigurationAsync(new() { ["AWS:Profile"] = "ci-profile", ["AWS:ProfilesLocation"] = credentials });

            Assert.Equal(new Uri("https://my-pool.auth.sa-east-1.amazoncognito.com/oauth2/token"), endpoint);
        }
        finally
        {
            File.Delete(credentials);
        }
    }

    [Fact]
    public async Task An_explicit_region_beats_the_AWS_configuration()
    {
        var endpoint = await ResolveWithAwsConfigurationAsync(new() { ["AWS:Region"] = "eu-west-1", ["Cognito:Region"] = "us-west-2" });

        Assert.Equal(new Uri("https://my-pool.auth.us-west-2.amazoncognito.com/oauth2/token"), endpoint);
    }

    private static async Task<Uri> ResolveWithAwsConfigurationAsync(Dictionary<string, string?> aws)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Cognito:DomainPrefix"] = "my-pool",
            ["Cognito:ClientId"] = "id",
            ["Cognito:ClientSecret"] = "secret",
            ["Cognito:Scopes:0"] = "my-api/read",
        };
        foreach (var (key, value) in aws)
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddCognitoTokenClient(configuration.GetSection("Cognito"));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<CognitoTokenClientOptions>>().Get(string.Empty);
        var resolver = new Cognito.Mcp.Auth.Client.Internal.TokenEndpointResolver(null!, null!, TimeProvider.System);
        return await resolver.ResolveAsync(string.Empty, options, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("Cognito:DomainPrefix", "my-pool")]
    [InlineData("Cognito:McpServerUrl", "https://mcp.example.com/mcp")]
    public void Empty_scopes_are_refused_even_with_an_MCP_server_to_ask(string endpointKey, string endpointValue)
    {
        var settings = new Dictionary<string, string?>
        {
            [endpointKey] = endpointValue,
            ["Cognito:Region"] = endpointKey == "Cognito:DomainPrefix" ? "us-east-1" : null,
            ["Cognito:ClientId"] = "id",
            ["Cognito:ClientSecret"] = "secret",
        };

        var failure = Assert.Single(Validate(settings).Failures);

        Assert.StartsWith("Cognito:Scopes is empty: list the scopes this client needs", failure, StringComparison.Ordinal);
        Assert.Contains("an MCP server is not asked", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Discovery_trust_settings_are_checked()
    {
        var exception = Validate(new()
        {
            ["Cognito:McpServerUrl"] = "https://mcp.example.com/mcp",
            ["Cognito:ClientId"] = "id",
            ["Cognito:ClientSecret"] = "secret",
            ["Cognito:UserPoolId"] = "not-a-pool",
            ["Cognito:ExpectedIssuer"] = "http://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/",
            ["Cognito:AllowedTokenEndpointHosts:0"] = "https://auth.example.com",
            ["Cognito:AllowedTokenEndpointHosts:1"] = "auth.*.example.com",
            ["Cognito:AllowedTokenEndpointHosts:2"] = "*.example.com",
            ["Cognito:AllowedTokenEndpointHosts:3"] = "*.0.0.1",
            ["Cognito:Scopes:0"] = "my-api/read",
        });

        Assert.Equal(5, exception.Failures.Count());
        Assert.Contains(exception.Failures, f => f.StartsWith("Cognito:AllowedTokenEndpointHosts entry '*.0.0.1' is not a host name", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Cognito:UserPoolId 'not-a-pool' is not a user pool id", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Cognito:ExpectedIssuer 'http://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123/' must be the pool's issuer URL", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Cognito:AllowedTokenEndpointHosts entry 'https://auth.example.com' is not a host name", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Cognito:AllowedTokenEndpointHosts entry 'auth.*.example.com' is not a host name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_token_handler_cannot_be_attached_to_the_client_that_talks_to_cognito()
    {
        var services = new ServiceCollection();
        var builder = services.AddHttpClient(CognitoTokenClientDefaults.GetHttpClientName(string.Empty));

        Assert.Throws<InvalidOperationException>(() => builder.AddCognitoAccessTokenHandler());
    }
}
