namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// An app client of a <see cref="LocalUserPool"/>. Its <see cref="ToString"/> never shows the secret.
/// </summary>
public sealed class LocalAppClient
{
    internal LocalAppClient(LocalUserPool pool, string clientId, string? clientSecret, LocalAppClientSettings settings, DateTimeOffset created)
    {
        Pool = pool;
        ClientId = clientId;
        ClientSecret = clientSecret;
        Name = settings.Name;
        AllowedOAuthFlows = [.. settings.AllowedOAuthFlows];
        AllowedOAuthScopes = [.. settings.AllowedOAuthScopes];
        AllowedOAuthFlowsUserPoolClient = settings.AllowedOAuthFlowsUserPoolClient;
        CallbackUrls = [.. settings.CallbackUrls];
        LogoutUrls = [.. settings.LogoutUrls];
        AccessTokenValidity = settings.AccessTokenValidity;
        EmulatorOnlyAccessTokenValidity = settings.EmulatorOnlyAccessTokenValidity;
        IdTokenValidity = settings.IdTokenValidity;
        RefreshTokenValidity = settings.RefreshTokenValidity;
        Created = created;
    }

    /// <summary>Gets the client id: 26 lowercase letters and digits.</summary>
    public string ClientId { get; }

    /// <summary>Gets the client secret, or <see langword="null"/> for a public client.</summary>
    public string? ClientSecret { get; }

    /// <summary>Gets the client's name.</summary>
    public string Name { get; }

    /// <summary>Gets the enabled OAuth flows.</summary>
    public IReadOnlyList<string> AllowedOAuthFlows { get; }

    /// <summary>Gets the scopes the client may ask for.</summary>
    public IReadOnlyList<string> AllowedOAuthScopes { get; }

    /// <summary>Gets a value indicating whether the OAuth flows are enabled (<c>AllowedOAuthFlowsUserPoolClient</c>).</summary>
    public bool AllowedOAuthFlowsUserPoolClient { get; }

    /// <summary>Gets the registered redirect URIs.</summary>
    public IReadOnlyList<string> CallbackUrls { get; }

    /// <summary>Gets the registered sign-out URLs.</summary>
    public IReadOnlyList<string> LogoutUrls { get; }

    /// <summary>Gets the access token lifetime, as Cognito would hold it (5 minutes to 1 day).</summary>
    public TimeSpan AccessTokenValidity { get; }

    /// <summary>
    /// Gets the access token lifetime below Cognito's minimum that this client's tokens have instead of
    /// <see cref="AccessTokenValidity"/> (<see cref="LocalAppClientSettings.EmulatorOnlyAccessTokenValidity"/>: not
    /// Cognito behaviour), or <see langword="null"/>.
    /// </summary>
    public TimeSpan? EmulatorOnlyAccessTokenValidity { get; }

    /// <summary>Gets the ID token lifetime.</summary>
    public TimeSpan IdTokenValidity { get; }

    /// <summary>Gets the refresh token lifetime.</summary>
    public TimeSpan RefreshTokenValidity { get; }

    internal LocalUserPool Pool { get; }

    /// <summary>How long the access tokens issued to this client live: the emulator-only value when set.</summary>
    internal TimeSpan IssuedAccessTokenLifetime => EmulatorOnlyAccessTokenValidity ?? AccessTokenValidity;

    internal DateTimeOffset Created { get; }

    internal long Sequence { get; init; }

    internal bool Allows(string flow) => AllowedOAuthFlows.Contains(flow, StringComparer.Ordinal);

    /// <summary>Returns the client's name and id, never its secret.</summary>
    /// <returns>For example <c>LocalAppClient m2m (abc…)</c>.</returns>
    public override string ToString() =>
        $"LocalAppClient {Name} ({ClientId}, {(ClientSecret is null ? "public" : "confidential")})";
}
