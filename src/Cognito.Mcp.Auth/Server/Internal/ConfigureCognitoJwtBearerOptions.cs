using Cognito.Mcp.Auth.Diagnostics;
using Cognito.Mcp.Auth.Internal;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Server.Internal;

/// <summary>
/// Turns each registration's <see cref="CognitoMcpAuthOptions"/> into the settings of its JwtBearer scheme: one
/// signing-key manager and one validated-token cache per user pool.
/// </summary>
internal sealed class ConfigureCognitoJwtBearerOptions(CognitoSchemes schemes, ServerTelemetry telemetry, TimeProvider? timeProvider = null)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name is null || schemes.ForBearer(name) is not { } scheme)
        {
            return;
        }

        var cognito = scheme.Options;
        var rules = scheme.Rules;
        var metadataAddress = new Uri(cognito.MetadataAddress!);

        options.MetadataAddress = cognito.MetadataAddress!;
        options.RequireHttpsMetadata = !LoopbackAddress.IsLoopback(metadataAddress);
        options.BackchannelTimeout = cognito.BackchannelTimeout;
        options.AutomaticRefreshInterval = cognito.KeyRefreshInterval;
        options.RefreshInterval = cognito.UnknownKeyRefreshInterval;
        var backchannel = new HttpClient(cognito.BackchannelHttpHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
        {
            Timeout = cognito.BackchannelTimeout,
            MaxResponseContentBufferSize = 1024 * 1024,
        };
        backchannel.DefaultRequestHeaders.UserAgent.ParseAdd("Cognito.Mcp.Auth");
        options.Backchannel = backchannel;
        var time = timeProvider ?? TimeProvider.System;
        var keys = new SigningKeyManager(
            cognito.MetadataAddress!,
            cognito.Issuer!,
            new HttpDocumentRetriever(backchannel) { RequireHttps = options.RequireHttpsMetadata },
            time,
            cognito.KeyRefreshInterval,
            cognito.UnknownKeyRefreshInterval,
            telemetry);
        options.ConfigurationManager = keys;
        options.RefreshOnIssuerKeyNotFound = true;
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.IncludeErrorDetails = false;
        options.EventsType = typeof(CognitoJwtBearerEvents);

        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(new ValidatedTokenCache(keys, rules, telemetry, time)
        {
            MapInboundClaims = false,
            MaximumTokenSizeInBytes = cognito.MaxTokenLength,
        });

        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = cognito.Issuer,
            ValidateIssuer = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = cognito.ClockSkew,
            // Cognito access tokens carry no aud: token_use, client_id and (when present) aud are checked by
            // CognitoJwtBearerEvents, in that order, so an ID token is refused as such rather than for its audience.
            ValidateAudience = false,
            // Cognito always names the signing key; a token without kid is not Cognito's.
            TryAllIssuerSigningKeys = false,
            // The identity is the one the application sees (CognitoJwtBearerEvents splits its scope in place): named
            // after the MCP scheme, which tells which pool authenticated the caller, with username, else sub, as name.
            AuthenticationType = scheme.Name,
            NameClaimTypeRetriever = static (token, issuer) =>
                token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(CognitoClaimTypes.Username, out _) ? CognitoClaimTypes.Username : CognitoClaimTypes.Subject,
            RoleClaimType = CognitoClaimTypes.Groups,
        };
    }
}
