namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// The settings of an app client, named as in Cognito's <c>CreateUserPoolClient</c>, and validated the same way by
/// <see cref="LocalUserPool.AddClient(LocalAppClientSettings)"/>.
/// </summary>
public sealed class LocalAppClientSettings
{
    /// <summary>Gets or sets the client's name (<c>ClientName</c>). Required.</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// Gets or sets a value indicating whether the client gets a secret (<c>GenerateSecret</c>). Defaults to
    /// <see langword="false"/> (a public client), like Cognito; <c>client_credentials</c> requires a secret.
    /// </summary>
    public bool GenerateSecret { get; set; }

    /// <summary>
    /// Gets or sets the client id to use instead of a random one (26 lowercase letters and digits). Defaults to
    /// <see langword="null"/>; set it only for deterministic fixtures such as the development pool.
    /// </summary>
    public string? ClientId { get; set; }

    /// <summary>
    /// Gets or sets the secret to use instead of a random one when <see cref="GenerateSecret"/> is set. Defaults to
    /// <see langword="null"/>; set it only for deterministic fixtures such as the development pool.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Gets or sets the OAuth flows (<c>AllowedOAuthFlows</c>): <see cref="LocalOAuthFlows.Code"/>,
    /// <see cref="LocalOAuthFlows.Implicit"/>, <see cref="LocalOAuthFlows.ClientCredentials"/>. Defaults to none.
    /// </summary>
    public IList<string> AllowedOAuthFlows { get; init; } = [];

    /// <summary>
    /// Gets or sets the scopes the client may ask for (<c>AllowedOAuthScopes</c>): <c>openid</c>, <c>email</c>,
    /// <c>phone</c>, <c>profile</c>, <c>aws.cognito.signin.user.admin</c> or a resource server's
    /// <c>{identifier}/{scope}</c>. Defaults to none.
    /// </summary>
    public IList<string> AllowedOAuthScopes { get; init; } = [];

    /// <summary>
    /// Gets or sets a value indicating whether the OAuth flows are enabled at all
    /// (<c>AllowedOAuthFlowsUserPoolClient</c>). Defaults to <see langword="true"/> because a client without it cannot
    /// use any OAuth endpoint; set it to <see langword="false"/> to test that refusal (<c>invalid_grant</c>).
    /// </summary>
    public bool AllowedOAuthFlowsUserPoolClient { get; set; } = true;

    /// <summary>Gets or sets the registered redirect URIs (<c>CallbackURLs</c>), matched exactly. Defaults to none.</summary>
    public IList<string> CallbackUrls { get; init; } = [];

    /// <summary>Gets or sets the registered sign-out URLs (<c>LogoutURLs</c>), matched exactly. Defaults to none.</summary>
    public IList<string> LogoutUrls { get; init; } = [];

    /// <summary>Gets or sets the access token lifetime. Defaults to 1 hour, like Cognito; 5 minutes to 1 day.</summary>
    public TimeSpan AccessTokenValidity { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets an access token lifetime that Cognito cannot be given: <b>not Cognito behaviour</b>, an emulator
    /// setting for tests that must see tokens expire and be refreshed within seconds (a soak, a refresh test in real
    /// time). Defaults to <see langword="null"/>: tokens live <see cref="AccessTokenValidity"/>, which keeps Cognito's
    /// 5-minute minimum. When set (1 second to 1 day), every access token of this client lives this long instead, and
    /// <c>expires_in</c> says so; <see cref="AccessTokenValidity"/> is still validated and is what the management API
    /// (<c>DescribeUserPoolClient</c>) shows, since a real pool could not hold this value.
    /// </summary>
    public TimeSpan? EmulatorOnlyAccessTokenValidity { get; set; }

    /// <summary>Gets or sets the ID token lifetime. Defaults to 1 hour, like Cognito; 5 minutes to 1 day.</summary>
    public TimeSpan IdTokenValidity { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Gets or sets the refresh token lifetime. Defaults to 30 days, like Cognito; 60 minutes to 10 years.</summary>
    public TimeSpan RefreshTokenValidity { get; set; } = TimeSpan.FromDays(30);
}
