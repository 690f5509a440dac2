using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// The settings of <see cref="CognitoMcpAuthOptions"/> that configuration can hold, as a view that reads and writes the
/// options themselves. The configuration binding source generator binds this view instead of the options, whose
/// code-only members (<c>BackchannelHttpHandler</c>, <c>Events</c>, <c>EventsType</c>, <c>ConfigureMetadata</c>) no
/// configuration value can set: binding stays free of reflection (trimmed and native AOT applications) and the same in
/// every build. A setting added to the options must be added here too (<c>ConfigurationBindingTests</c> check that
/// every documented key binds).
/// </summary>
internal sealed class CognitoMcpAuthSettings(CognitoMcpAuthOptions options)
{
    public string? Region { get => options.Region; set => options.Region = value; }

    public string? UserPoolId { get => options.UserPoolId; set => options.UserPoolId = value; }

    public IList<string> AllowedClientIds => options.AllowedClientIds;

    public bool AllowAnyClientOfPool { get => options.AllowAnyClientOfPool; set => options.AllowAnyClientOfPool = value; }

    public string? ResourceServerIdentifier { get => options.ResourceServerIdentifier; set => options.ResourceServerIdentifier = value; }

    public IList<string> RequiredScopes => options.RequiredScopes;

    public IList<string> ScopesSupported => options.ScopesSupported;

    public string? Resource { get => options.Resource; set => options.Resource = value; }

    public string? ResourceName { get => options.ResourceName; set => options.ResourceName = value; }

    public TimeSpan ClockSkew { get => options.ClockSkew; set => options.ClockSkew = value; }

    public string? Issuer { get => options.Issuer; set => options.Issuer = value; }

    public bool AllowLocalIssuer { get => options.AllowLocalIssuer; set => options.AllowLocalIssuer = value; }

    public string? MetadataAddress { get => options.MetadataAddress; set => options.MetadataAddress = value; }

    public int MaxTokenLength { get => options.MaxTokenLength; set => options.MaxTokenLength = value; }

    public TimeSpan KeyRefreshInterval { get => options.KeyRefreshInterval; set => options.KeyRefreshInterval = value; }

    public TimeSpan UnknownKeyRefreshInterval { get => options.UnknownKeyRefreshInterval; set => options.UnknownKeyRefreshInterval = value; }

    public TimeSpan BackchannelTimeout { get => options.BackchannelTimeout; set => options.BackchannelTimeout = value; }

    /// <summary>
    /// What <c>BindConfiguration(sectionPath)</c> does, through this view: binds the section (at the root of the
    /// application's <see cref="IConfiguration"/>) each time the options are built, and builds them again when the
    /// configuration reloads.
    /// </summary>
    public static OptionsBuilder<CognitoMcpAuthOptions> Bind(OptionsBuilder<CognitoMcpAuthOptions> builder, string sectionPath)
    {
        builder.Configure<IConfiguration>((options, configuration) => configuration.GetSection(sectionPath).Bind(new CognitoMcpAuthSettings(options)));
        builder.Services.AddSingleton<IOptionsChangeTokenSource<CognitoMcpAuthOptions>>(provider =>
            new ConfigurationChangeTokenSource<CognitoMcpAuthOptions>(builder.Name, provider.GetRequiredService<IConfiguration>()));
        return builder;
    }
}
