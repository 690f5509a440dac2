using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.AspNetCore.Authentication;

namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// What a competent .NET developer writes to accept Cognito access tokens on an MCP server without this library, as
/// the MCP SDK's ProtectedMcpServer sample does it: ASP.NET Core's JwtBearer pointed at the pool's issuer (discovery
/// and JWKS from there), the SDK's <c>AddMcp()</c> scheme for the 401 challenge and the protected resource metadata,
/// and the checks a Cognito access token needs in <c>OnTokenValidated</c>. The load run's peer to this library: the
/// same settings (<c>Cognito:*</c>), the same calculator, <c>RequireAuthorization()</c> on the MCP endpoint.
/// </summary>
internal static class HandWrittenJwtBearer
{
    public static IServiceCollection AddHandWrittenCognitoJwtBearer(this IServiceCollection services, IConfiguration configuration)
    {
        var issuer = configuration["Cognito:Issuer"] ?? throw new InvalidOperationException("Cognito:Issuer is not set.");
        var resource = configuration["Cognito:Resource"] ?? throw new InvalidOperationException("Cognito:Resource is not set.");
        var requiredScopes = configuration.GetSection("Cognito:RequiredScopes").Get<string[]>() ?? [];
        var allowedClients = (configuration.GetSection("Cognito:AllowedClientIds").Get<string[]>() ?? []).ToHashSet(StringComparer.Ordinal);

        services.AddAuthentication(options =>
            {
                options.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
            })
            .AddJwtBearer(options =>
            {
                options.Authority = issuer;
                options.RequireHttpsMetadata = false; // LocalCognito serves http on 127.0.0.1; a real pool's issuer is https
                options.MapInboundClaims = false; // keep Cognito's claim names (client_id, scope, token_use)
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = issuer,
                    ValidateAudience = false, // Cognito access tokens have no aud; client_id is checked below instead
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var user = context.Principal!;
                        var granted = (user.FindFirst("scope")?.Value ?? "").Split(' ');
                        if (user.FindFirst("token_use")?.Value != "access")
                        {
                            context.Fail("Not an access token.");
                        }
                        else if (user.FindFirst("client_id")?.Value is not { } clientId || !allowedClients.Contains(clientId))
                        {
                            context.Fail("The token's client is not allowed.");
                        }
                        else if (!requiredScopes.All(granted.Contains))
                        {
                            context.Fail("The token lacks a required scope.");
                        }

                        return Task.CompletedTask;
                    },
                };
            })
            .AddMcp(options => options.ResourceMetadata = new()
            {
                Resource = resource,
                AuthorizationServers = [issuer],
                ScopesSupported = [.. requiredScopes],
            });
        return services.AddAuthorization();
    }
}
