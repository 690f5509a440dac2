using Cognito.Mcp.Auth.Server.Internal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Cognito.Mcp.Auth.Bridge.Internal;

/// <summary>
/// What the bridge's endpoints need, computed once from the validated options of the bridge and of the user pool it
/// serves: its public URLs, the MCP server's resource and the scopes a client may ask for.
/// </summary>
internal sealed class BridgeSettings
{
    public BridgeSettings(
        IOptions<CognitoAuthorizationBridgeOptions> bridgeOptions,
        IOptionsMonitor<CognitoMcpAuthOptions> cognitoOptions,
        CognitoSchemeRegistry registry,
        IHostEnvironment environment)
    {
        Options = bridgeOptions.Value; // validated on first use: a configuration mistake surfaces here, named
        Registration = registry.Find(Options.AuthenticationScheme)
            ?? throw new InvalidOperationException($"{CognitoAuthorizationBridgeDefaults.ConfigurationSection}:AuthenticationScheme names '{Options.AuthenticationScheme}', which no AddCognitoMcpAuth call registered.");
        var cognito = cognitoOptions.Get(Registration.OptionsName);
        Issuer = BridgeIssuer.Resolve(Options.Issuer, cognito.Resource)!;
        var issuerUri = new Uri(Issuer);
        IssuerPath = issuerUri.AbsolutePath.TrimEnd('/');
        MetadataPath = CognitoAuthorizationBridgeDefaults.MetadataPath + IssuerPath;
        Resource = cognito.Resource!;
        ResourceName = Options.ConsentPage.DisplayName ?? cognito.ResourceName ?? environment.ApplicationName ?? "MCP server";
        ScopesOffered = [.. cognito.ScopesSupported];
        DefaultScopes = [.. cognito.RequiredScopes];
        CallbackUrl = Issuer + CognitoAuthorizationBridgeDefaults.CallbackPath;
        Secure = issuerUri.Scheme == Uri.UriSchemeHttps;
        IsDevelopment = environment.IsDevelopment();
    }

    public CognitoAuthorizationBridgeOptions Options { get; }

    public CognitoSchemeRegistration Registration { get; }

    /// <summary>The issuer identifier, without a trailing slash, e.g. <c>https://mcp.example.com</c>.</summary>
    public string Issuer { get; }

    /// <summary>The issuer's path (<c>""</c> or e.g. <c>/calc</c>).</summary>
    public string IssuerPath { get; }

    /// <summary>The RFC 8414 well-known path, issuer path appended: <c>/.well-known/oauth-authorization-server/calc</c>.</summary>
    public string MetadataPath { get; }

    public string Resource { get; }

    public string ResourceName { get; }

    /// <summary>What a client may ask for: the server's <c>scopes_supported</c>.</summary>
    public IReadOnlyList<string> ScopesOffered { get; }

    /// <summary>What a client gets when it asks for no scope: the server's required scopes.</summary>
    public IReadOnlyList<string> DefaultScopes { get; }

    /// <summary>The bridge's callback at Cognito: <c>{Issuer}/oauth/callback</c>, registered on its app client.</summary>
    public string CallbackUrl { get; }

    /// <summary>True when the issuer is https: cookies are then <c>Secure</c> and <c>__Host-</c> prefixed.</summary>
    public bool Secure { get; }

    public bool IsDevelopment { get; }

    public string Url(string path) => Issuer + path;
}
