using System.Collections.Concurrent;
using Cognito.Mcp.Auth.Testing.Internal;
using Cognito.Mcp.Auth.Testing.Tokens;
using Microsoft.IdentityModel.Tokens;

namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// A user pool of a <see cref="LocalCognito"/>: its issuer, keys, domain, resource servers, app clients and users.
/// Thread-safe.
/// </summary>
/// <remarks>
/// The pool's OAuth domain is path-based: <c>{DomainBaseAddress}/domain/{prefix}</c> stands for Cognito's
/// <c>https://{prefix}.auth.{region}.amazoncognito.com</c>, so no DNS is needed. The domain origin is the issuer's own
/// unless <see cref="LocalCognitoOptions.SeparateOrigins"/> gives it a listener of its own.
/// </remarks>
public sealed class LocalUserPool
{
    private readonly ConcurrentDictionary<string, LocalResourceServer> _resourceServers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalAppClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LocalUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private string? _domainPrefix;

    internal LocalUserPool(UserPoolRegistry registry, string id, string name, string region)
    {
        Registry = registry;
        Id = id;
        Name = name;
        Region = region;
        Created = registry.TimeProvider.GetUtcNow();
        Sequence = registry.NextSequence();
        Issuer = $"{registry.BaseAddress}/{id}";
        TokenIssuer = new TokenIssuer(Issuer, registry.TimeProvider);
    }

    /// <summary>Gets the pool id, e.g. <c>us-east-1_AbCdEf123</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the pool's name.</summary>
    public string Name { get; }

    /// <summary>Gets the region part of the id, e.g. <c>us-east-1</c>.</summary>
    public string Region { get; }

    /// <summary>
    /// Gets the issuer: <c>{BaseAddress}/{Id}</c>, exactly the discovery document's <c>issuer</c> and the tokens'
    /// <c>iss</c> (no trailing slash).
    /// </summary>
    public string Issuer { get; }

    /// <summary>Gets the OIDC discovery document's address: <c>{Issuer}/.well-known/openid-configuration</c>.</summary>
    public Uri DiscoveryEndpoint => new(Issuer + CognitoEndpoints.Discovery.Path);

    /// <summary>Gets the JWKS address: <c>{Issuer}/.well-known/jwks.json</c>.</summary>
    public Uri JwksUri => new(Issuer + CognitoEndpoints.Jwks.Path);

    /// <summary>Gets the domain prefix given to <see cref="AddDomain"/>, or <see langword="null"/>.</summary>
    public string? DomainPrefix => Volatile.Read(ref _domainPrefix);

    /// <summary>
    /// Gets the OAuth domain, <c>{DomainBaseAddress}/domain/{prefix}</c>, or <see langword="null"/> before
    /// <see cref="AddDomain"/>.
    /// </summary>
    public Uri? DomainUrl => DomainPrefix is { } prefix ? new Uri(CognitoEndpoints.DomainAddress(Registry.DomainBaseAddress, prefix)) : null;

    /// <summary>Gets <c>{DomainUrl}/oauth2/token</c>. Throws <see cref="InvalidOperationException"/> without a domain.</summary>
    public Uri TokenEndpoint => DomainEndpoint(CognitoEndpoints.Token);

    /// <summary>Gets <c>{DomainUrl}/oauth2/authorize</c>. Throws <see cref="InvalidOperationException"/> without a domain.</summary>
    public Uri AuthorizeEndpoint => DomainEndpoint(CognitoEndpoints.Authorize);

    /// <summary>Gets <c>{DomainUrl}/oauth2/userInfo</c>. Throws <see cref="InvalidOperationException"/> without a domain.</summary>
    public Uri UserInfoEndpoint => DomainEndpoint(CognitoEndpoints.UserInfo);

    /// <summary>Gets <c>{DomainUrl}/logout</c>. Throws <see cref="InvalidOperationException"/> without a domain.</summary>
    public Uri LogoutEndpoint => DomainEndpoint(CognitoEndpoints.Logout);

    /// <summary>Gets <c>{DomainUrl}/oauth2/revoke</c>. Throws <see cref="InvalidOperationException"/> without a domain.</summary>
    public Uri RevokeEndpoint => DomainEndpoint(CognitoEndpoints.Revoke);

    /// <summary>Gets the current access-token signing key, with its private key and <c>KeyId</c>, to forge variants.</summary>
    public RsaSecurityKey AccessTokenSigningKey => TokenIssuer.Keys.AccessKey;

    /// <summary>Gets the current ID-token signing key, with its private key and <c>KeyId</c>.</summary>
    public RsaSecurityKey IdTokenSigningKey => TokenIssuer.Keys.IdKey;

    /// <summary>Gets the resource servers.</summary>
    public IReadOnlyCollection<LocalResourceServer> ResourceServers => [.. _resourceServers.Values];

    /// <summary>Gets the app clients.</summary>
    public IReadOnlyCollection<LocalAppClient> Clients => [.. _clients.Values.OrderBy(c => c.Sequence)];

    /// <summary>Gets the users.</summary>
    public IReadOnlyCollection<LocalUser> Users => [.. _users.Values];

    /// <summary>The pools of the same LocalCognito, which share this pool's clock and keep domain prefixes unique.</summary>
    internal UserPoolRegistry Registry { get; }

    internal TimeProvider TimeProvider => Registry.TimeProvider;

    internal DateTimeOffset Created { get; }

    /// <summary>The password policy CreateUserPool set, or <see langword="null"/> for Cognito's default.</summary>
    internal PasswordPolicy? PasswordPolicy { get; set; }

    internal long Sequence { get; }

    /// <summary>Signs this pool's tokens and holds its keys.</summary>
    internal TokenIssuer TokenIssuer { get; }

    internal PoolSessions Sessions { get; } = new();

    /// <summary>
    /// Gives the pool its OAuth domain (Cognito's <c>CreateUserPoolDomain</c>), served at
    /// <c>{DomainBaseAddress}/domain/{prefix}</c>. A pool has at most one domain; prefixes are unique per LocalCognito.
    /// </summary>
    /// <param name="prefix">The prefix, e.g. <c>local-dev</c>: lowercase letters, digits and hyphens.</param>
    /// <returns>This pool, for chaining.</returns>
    /// <exception cref="LocalCognitoException">The prefix is invalid or taken (<c>InvalidParameterException</c>).</exception>
    public LocalUserPool AddDomain(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        CognitoValidation.DomainPrefix(prefix);
        lock (_lock)
        {
            if (_domainPrefix is not null)
            {
                throw CognitoValidation.Invalid($"User pool {Id} already has a domain configured.");
            }

            Registry.RegisterDomain(prefix, this);
            Volatile.Write(ref _domainPrefix, prefix);
        }

        return this;
    }

    /// <summary>Adds a resource server whose scopes clients ask for as <c>{identifier}/{scope}</c>.</summary>
    /// <param name="identifier">The identifier, e.g. <c>my-api</c>.</param>
    /// <param name="name">The display name.</param>
    /// <param name="scopeNames">The scope names, e.g. <c>read</c>, <c>write</c>.</param>
    /// <returns>The resource server.</returns>
    /// <exception cref="LocalCognitoException">Invalid values or a duplicate identifier (<c>InvalidParameterException</c>).</exception>
    public LocalResourceServer AddResourceServer(string identifier, string name, params string[] scopeNames)
    {
        ArgumentNullException.ThrowIfNull(scopeNames);
        return AddResourceServer(identifier, name, scopeNames.ToDictionary(s => s, s => s, StringComparer.Ordinal));
    }

    internal LocalResourceServer AddResourceServer(string identifier, string name, IReadOnlyDictionary<string, string> scopeDescriptions)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(name);
        var scopeNames = scopeDescriptions.Keys.ToList();
        CognitoValidation.ResourceServer(identifier, name, scopeNames);
        var server = new LocalResourceServer(identifier, name, scopeNames)
        {
            ScopeDescriptions = scopeDescriptions,
            Created = TimeProvider.GetUtcNow(),
        };
        if (!_resourceServers.TryAdd(identifier, server))
        {
            throw CognitoValidation.Invalid($"A resource server with identifier {identifier} already exists in user pool {Id}.");
        }

        return server;
    }

    /// <summary>Adds an app client, validated like Cognito's <c>CreateUserPoolClient</c>.</summary>
    /// <param name="settings">The client's settings.</param>
    /// <returns>The client, with its id and (when <see cref="LocalAppClientSettings.GenerateSecret"/>) secret.</returns>
    /// <exception cref="LocalCognitoException">
    /// <c>ScopeDoesNotExistException</c>, <c>InvalidOAuthFlowException</c> or <c>InvalidParameterException</c>.
    /// </exception>
    public LocalAppClient AddClient(LocalAppClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CognitoValidation.Client(settings, ScopeExists);
        var secret = settings.GenerateSecret ? settings.ClientSecret ?? RandomStrings.ClientSecret() : null;
        var client = new LocalAppClient(this, settings.ClientId ?? RandomStrings.ClientId(), secret, settings, TimeProvider.GetUtcNow()) { Sequence = Registry.NextSequence() };
        if (!_clients.TryAdd(client.ClientId, client))
        {
            throw CognitoValidation.Invalid($"Client id {client.ClientId} is already in use in user pool {Id}.");
        }

        return client;
    }

    /// <summary>Adds a confirmed user with a permanent password (like <c>AdminCreateUser</c> + <c>AdminSetUserPassword</c>).</summary>
    /// <param name="username">The username.</param>
    /// <param name="password">The password; must satisfy Cognito's default policy.</param>
    /// <param name="attributes">Attributes such as <c>email</c>, <c>email_verified</c>, <c>name</c>; a <c>sub</c> entry fixes the user's id.</param>
    /// <param name="groups">Groups, shown in <c>cognito:groups</c>.</param>
    /// <returns>The user.</returns>
    /// <exception cref="LocalCognitoException"><c>UsernameExistsException</c>, <c>InvalidPasswordException</c> or <c>InvalidParameterException</c>.</exception>
    public LocalUser AddUser(string username, string password, IReadOnlyDictionary<string, string>? attributes = null, IEnumerable<string>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        CognitoValidation.Password(PasswordPolicy, password);
        var user = CreateUser(username, attributes, groups);
        user.SetPassword(password, temporary: false);
        return user;
    }

    /// <summary>Finds a client by id.</summary>
    /// <param name="clientId">The client id.</param>
    /// <returns>The client, or <see langword="null"/>.</returns>
    public LocalAppClient? FindClient(string clientId) => _clients.GetValueOrDefault(clientId);

    /// <summary>Finds a user by username (case-insensitive, like new Cognito pools).</summary>
    /// <param name="username">The username.</param>
    /// <returns>The user, or <see langword="null"/>.</returns>
    public LocalUser? FindUser(string username) => _users.GetValueOrDefault(username);

    /// <summary>
    /// Signs an access token exactly like the token endpoint's <c>client_credentials</c> grant would (M2M-shaped:
    /// <c>sub</c> = client id, no <c>aud</c>), with the current access-token key. The client need not exist, so tests
    /// can craft tokens for unknown clients; its lifetime is the client's access-token validity, or 1 hour.
    /// </summary>
    /// <param name="clientId">The <c>client_id</c> and <c>sub</c>.</param>
    /// <param name="scopes">The scopes, joined with spaces into <c>scope</c>.</param>
    /// <param name="editClaims">
    /// Edits the claims (in Cognito's order) before signing: remove, replace or add. Values are strings, numbers,
    /// booleans, string arrays or lists, or a <c>JsonNode</c>/<c>JsonElement</c> for any other JSON.
    /// </param>
    /// <returns>The compact JWT.</returns>
    public string IssueAccessToken(string clientId, IEnumerable<string> scopes, Action<IDictionary<string, object>>? editClaims = null)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(scopes);
        var lifetime = FindClient(clientId)?.IssuedAccessTokenLifetime ?? TimeSpan.FromHours(1);
        return TokenIssuer.ClientAccessToken(clientId, scopes, lifetime, editClaims);
    }

    /// <summary>
    /// Signs a user's access token exactly like the authorization code grant would (with <c>username</c>,
    /// <c>origin_jti</c>, <c>event_id</c>, <c>cognito:groups</c>), without a browser.
    /// </summary>
    /// <param name="clientId">An existing client of this pool.</param>
    /// <param name="username">An existing user of this pool.</param>
    /// <param name="scopes">The scopes, e.g. <c>openid</c>, <c>my-api/read</c>; not checked against the client.</param>
    /// <param name="editClaims">Edits the claims before signing.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="LocalCognitoException">Unknown client or user (<c>ResourceNotFoundException</c>).</exception>
    public string IssueUserAccessToken(string clientId, string username, IEnumerable<string> scopes, Action<IDictionary<string, object>>? editClaims = null)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var (client, signIn) = ForUser(clientId, username);
        return TokenIssuer.UserAccessToken(client, signIn, [.. scopes], editClaims);
    }

    /// <summary>
    /// Signs an ID token exactly like the authorization code grant would, with the ID-token key — handy to prove an
    /// ID token is refused where an access token is required.
    /// </summary>
    /// <param name="clientId">An existing client of this pool (the <c>aud</c>).</param>
    /// <param name="username">An existing user of this pool.</param>
    /// <param name="editClaims">Edits the claims before signing.</param>
    /// <returns>The compact JWT.</returns>
    /// <exception cref="LocalCognitoException">Unknown client or user (<c>ResourceNotFoundException</c>).</exception>
    public string IssueIdToken(string clientId, string username, Action<IDictionary<string, object>>? editClaims = null)
    {
        var (client, signIn) = ForUser(clientId, username);
        return TokenIssuer.IdToken(client, signIn, editClaims);
    }

    /// <summary>
    /// Replaces both signing keys with new ones. Tokens signed before stay valid while
    /// <paramref name="keepPreviousKeysInJwks"/> keeps the old keys in the JWKS.
    /// </summary>
    /// <param name="keepPreviousKeysInJwks">Whether the JWKS keeps publishing the previous keys.</param>
    public void RotateSigningKeys(bool keepPreviousKeysInJwks = true) => TokenIssuer.RotateKeys(keepPreviousKeysInJwks);

    /// <summary>
    /// Stops publishing the keys that earlier rotations kept in the JWKS (the second half of a rotation: call it once
    /// the last token signed with them has expired). The current keys stay.
    /// </summary>
    public void RemoveRetiredSigningKeys() => TokenIssuer.RemoveRetiredKeys();

    /// <summary>Returns the pool id.</summary>
    /// <returns>For example <c>LocalUserPool us-east-1_AbCdEf123</c>.</returns>
    public override string ToString() => $"LocalUserPool {Id}";

    internal LocalUser CreateUser(string username, IReadOnlyDictionary<string, string>? attributes, IEnumerable<string>? groups)
    {
        ArgumentNullException.ThrowIfNull(username);
        CognitoValidation.Username(username);
        var attributeCopy = new Dictionary<string, string>(attributes ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        var sub = attributeCopy.Remove("sub", out var fixedSub) ? fixedSub : Guid.NewGuid().ToString();
        var user = new LocalUser(username, sub, attributeCopy, [.. groups ?? []], TimeProvider.GetUtcNow());
        if (!_users.TryAdd(username, user))
        {
            throw new LocalCognitoException("UsernameExistsException", "User account already exists");
        }

        return user;
    }

    internal LocalResourceServer? FindResourceServer(string identifier) => _resourceServers.GetValueOrDefault(identifier);

    internal bool ScopeExists(string scope)
    {
        var slash = scope.LastIndexOf('/');
        return slash > 0 && FindResourceServer(scope[..slash]) is { } server
            && server.ScopeNames.Contains(scope[(slash + 1)..], StringComparer.Ordinal);
    }

    internal void RemoveDomain()
    {
        lock (_lock)
        {
            Volatile.Write(ref _domainPrefix, null);
        }
    }

    private (LocalAppClient Client, SignInEvent SignIn) ForUser(string clientId, string username)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(username);
        var client = FindClient(clientId) ?? throw new LocalCognitoException("ResourceNotFoundException", $"Client {clientId} does not exist in user pool {Id}.");
        var user = FindUser(username) ?? throw new LocalCognitoException("UserNotFoundException", $"User {username} does not exist in user pool {Id}.");
        return (client, new SignInEvent(user, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), TimeProvider.GetUtcNow()));
    }

    private Uri DomainEndpoint(CognitoEndpoint endpoint) =>
        DomainUrl is { } domain
            ? new Uri(domain + endpoint.Path)
            : throw new InvalidOperationException($"User pool {Id} has no domain: call AddDomain(\"my-prefix\") first; Cognito serves the OAuth endpoints only on a pool's domain.");
}
