using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Cognito.Mcp.Auth.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Tests.Server;

/// <summary>
/// The libraries bind configuration with the binding source generator (the same code in JIT and native AOT builds).
/// Every key docs/configuration.md lists binds exactly as the reflection-based binder binds it, and a value that
/// cannot be converted fails with the reflection binder's message, naming the key.
/// </summary>
public sealed partial class ConfigurationBindingTests
{
    private static readonly string Documentation = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

    [Fact]
    public void Every_documented_server_key_binds_as_the_reflection_binder_binds_it()
    {
        var keys = DocumentedKeys("## Server:", "### How the AWS region");
        var configuration = Configuration(SampleValues<CognitoMcpAuthOptions>(keys));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCognitoMcpAuth();
        using var provider = services.BuildServiceProvider();

        var bound = Configure<CognitoMcpAuthOptions>(provider, Options.DefaultName);
        var byReflection = new CognitoMcpAuthOptions();
        configuration.GetSection("Cognito").Bind(byReflection);

        Assert.Equal(17, keys.Count);
        AssertSameSettings(keys, byReflection, bound);
        AssertNotDefaults(keys, bound);
    }

    [Fact]
    public void Every_documented_token_client_key_binds_as_the_reflection_binder_binds_it()
    {
        var keys = DocumentedKeys("## Client:", "### What is checked at start-up (client)");
        var configuration = Configuration(SampleValues<CognitoTokenClientOptions>(keys));
        var services = new ServiceCollection().AddCognitoTokenClient(configuration.GetSection("Cognito"));
        using var provider = services.BuildServiceProvider();

        var bound = Configure<CognitoTokenClientOptions>(provider, Options.DefaultName);
        var byReflection = new CognitoTokenClientOptions();
        configuration.GetSection("Cognito").Bind(byReflection);

        Assert.Equal(19, keys.Count); // every key of the client table, LockWaitTimeout included
        AssertSameSettings(keys, byReflection, bound);
        AssertNotDefaults(keys, bound);
        Assert.Equal("Cognito", bound.ConfigurationPath);
    }

    [Fact]
    public void A_second_pool_binds_its_own_section_into_its_named_options()
    {
        var configuration = Configuration(new Dictionary<string, string?>
        {
            ["Cognito:UserPoolId"] = "us-east-1_Ours00000",
            ["PartnerCognito:UserPoolId"] = "eu-west-1_Partner00",
            ["PartnerCognito:AllowedClientIds:0"] = "partner-client",
        });
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCognitoMcpAuth();
        services.AddCognitoMcpAuth("Partner", "PartnerCognito", configure: null);
        using var provider = services.BuildServiceProvider();

        var ours = Configure<CognitoMcpAuthOptions>(provider, Options.DefaultName);
        var partner = Configure<CognitoMcpAuthOptions>(provider, "Partner");

        Assert.Equal("us-east-1_Ours00000", ours.UserPoolId);
        Assert.Empty(ours.AllowedClientIds);
        Assert.Equal("eu-west-1_Partner00", partner.UserPoolId);
        Assert.Equal(["partner-client"], partner.AllowedClientIds);
    }

    [Theory]
    [InlineData("Cognito:ClockSkew", "soon")]
    [InlineData("Cognito:MaxTokenLength", "big")]
    [InlineData("Cognito:AllowAnyClientOfPool", "yes")]
    public void A_server_value_that_cannot_be_converted_fails_as_with_the_reflection_binder(string key, string value)
    {
        var configuration = Configuration(new Dictionary<string, string?> { [key] = value });
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddCognitoMcpAuth();
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => Configure<CognitoMcpAuthOptions>(provider, Options.DefaultName));
        var byReflection = Assert.Throws<InvalidOperationException>(() => configuration.GetSection("Cognito").Bind(new CognitoMcpAuthOptions()));

        Assert.Equal(byReflection.Message, failure.Message);
        Assert.Contains($"'{key}'", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cognito:ClientAuthentication", "mutual-tls")]
    [InlineData("Cognito:RetryDelay", "1s")]
    public void A_client_value_that_cannot_be_converted_fails_as_with_the_reflection_binder(string key, string value)
    {
        var configuration = Configuration(new Dictionary<string, string?> { [key] = value });
        using var provider = new ServiceCollection().AddCognitoTokenClient(configuration.GetSection("Cognito")).BuildServiceProvider();

        var failure = Assert.Throws<InvalidOperationException>(() => Configure<CognitoTokenClientOptions>(provider, Options.DefaultName));
        var byReflection = Assert.Throws<InvalidOperationException>(() => configuration.GetSection("Cognito").Bind(new CognitoTokenClientOptions()));

        Assert.Equal(byReflection.Message, failure.Message);
        Assert.Contains($"'{key}'", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>What <c>OptionsFactory</c> does before post-configuration and validation: the configure steps in order.</summary>
    private static T Configure<T>(IServiceProvider provider, string name)
        where T : class, new()
    {
        var options = new T();
        foreach (var step in provider.GetServices<IConfigureOptions<T>>())
        {
            if (step is IConfigureNamedOptions<T> named)
            {
                named.Configure(name, options);
            }
            else if (name == Options.DefaultName)
            {
                step.Configure(options);
            }
        }

        return options;
    }

    private static IConfigurationRoot Configuration(IDictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    /// <summary>A value unlike the default for each key, of the property's type; two items for a list.</summary>
    private static Dictionary<string, string?> SampleValues<T>(IReadOnlyList<string> keys)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var key in keys)
        {
            var type = Property<T>(key).PropertyType;
            if (type == typeof(IList<string>))
            {
                settings[$"Cognito:{key}:0"] = $"first-{key}";
                settings[$"Cognito:{key}:1"] = $"second-{key}";
                continue;
            }

            settings[$"Cognito:{key}"] = type switch
            {
                _ when type == typeof(string) => $"value-of-{key}",
                _ when type == typeof(Uri) => $"https://{key.ToLowerInvariant()}.example.com/path",
                _ when type == typeof(bool) => "true",
                _ when type == typeof(int) => "4242",
                _ when type == typeof(TimeSpan) => "00:07:11",
                _ when type == typeof(CognitoClientAuthentication) => "clientsecretpost",
                _ => throw new InvalidOperationException($"No sample value for {key} of type {type}: add one here."),
            };
        }

        return settings;
    }

    private static void AssertSameSettings<T>(IEnumerable<string> keys, T expected, T actual)
    {
        foreach (var key in keys)
        {
            var property = Property<T>(key);
            Assert.Equal(Normalize(property.GetValue(expected)), Normalize(property.GetValue(actual)));
        }
    }

    private static void AssertNotDefaults<T>(IEnumerable<string> keys, T bound)
        where T : new()
    {
        var defaults = new T();
        foreach (var key in keys)
        {
            var property = Property<T>(key);
            Assert.NotEqual(Normalize(property.GetValue(defaults)), Normalize(property.GetValue(bound)));
        }
    }

    private static object? Normalize(object? value) => value is IEnumerable list and not string
        ? string.Join('|', list.Cast<object>())
        : value;

    private static PropertyInfo Property<T>(string key) =>
        typeof(T).GetProperty(key, BindingFlags.Public | BindingFlags.Instance)
        ?? throw new InvalidOperationException($"docs/configuration.md lists Cognito:{key}, which {typeof(T).Name} does not have.");

    private static List<string> DocumentedKeys(string start, string end)
    {
        var from = Documentation.IndexOf(start, StringComparison.Ordinal);
        var to = Documentation.IndexOf(end, from, StringComparison.Ordinal);
        return [.. Documentation[from..to].Split('\n')
            .Where(line => line.StartsWith("| `Cognito:", StringComparison.Ordinal))
            .Select(line => KeyCell().Match(line).Groups[1].Value)];
    }

    [GeneratedRegex(@"^\| `Cognito:(\w+)`")]
    private static partial Regex KeyCell();

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Cognito.Mcp.Auth.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Cognito.Mcp.Auth.sln) was not found above " + AppContext.BaseDirectory);
    }
}
