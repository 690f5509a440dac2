using static Cognito.Mcp.Auth.Testing.LocalCognitoDevelopmentPool;

namespace Cognito.Mcp.Auth.Testing.Internal;

/// <summary>Creates the deterministic development pool described by <see cref="LocalCognitoDevelopmentPool"/>.</summary>
internal static class DevelopmentPoolSeeder
{
    public static LocalUserPool Seed(UserPoolRegistry pools)
    {
        var pool = pools.Create(UserPoolName, Region, UserPoolId).AddDomain(DomainPrefix);
        pool.AddResourceServer(ApiIdentifier, "My API", "read", "write");
        pool.AddResourceServer(OtherApiIdentifier, "Other API", "admin");
        pool.AddClient(new LocalAppClientSettings
        {
            Name = WebClientName,
            ClientId = WebClientId,
            GenerateSecret = true,
            ClientSecret = WebClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.Code, LocalOAuthFlows.Implicit],
            AllowedOAuthScopes = ["openid", "email", "profile", ReadScope],
            CallbackUrls = [WebCallbackUrl, "http://127.0.0.1:5000/callback"],
            LogoutUrls = [WebLogoutUrl, "http://127.0.0.1:5000/logout"],
        });
        pool.AddClient(new LocalAppClientSettings
        {
            Name = M2MClientName,
            ClientId = M2MClientId,
            GenerateSecret = true,
            ClientSecret = M2MClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = [ReadScope, WriteScope],
        });
        pool.AddClient(new LocalAppClientSettings
        {
            Name = BridgeClientName,
            ClientId = BridgeClientId,
            GenerateSecret = true,
            ClientSecret = BridgeClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.Code],
            AllowedOAuthScopes = [ReadScope, WriteScope],
            CallbackUrls = [BridgeCallbackUrl, "http://127.0.0.1:8080/oauth/callback"],
        });
        pool.AddClient(new LocalAppClientSettings
        {
            Name = OtherApiM2MClientName,
            ClientId = OtherApiM2MClientId,
            GenerateSecret = true,
            ClientSecret = OtherApiM2MClientSecret,
            AllowedOAuthFlows = [LocalOAuthFlows.ClientCredentials],
            AllowedOAuthScopes = [OtherApiAdminScope],
        });
        pool.AddUser(
            DemoUsername,
            DemoPassword,
            new Dictionary<string, string>
            {
                ["sub"] = DemoUserSub,
                ["email"] = DemoEmail,
                ["email_verified"] = "true",
                ["name"] = DemoName,
            });
        return pool;
    }
}
