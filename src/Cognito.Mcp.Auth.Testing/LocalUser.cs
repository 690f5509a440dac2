namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// A user of a <see cref="LocalUserPool"/>. Its <see cref="ToString"/> never shows the password.
/// </summary>
public sealed class LocalUser
{
    private readonly Lock _gate = new();
    private string? _password;
    private bool _passwordIsTemporary;

    internal LocalUser(string username, string sub, IReadOnlyDictionary<string, string> attributes, IReadOnlyList<string> groups, DateTimeOffset created)
    {
        Username = username;
        Sub = sub;
        Attributes = attributes;
        Groups = groups;
        Created = created;
    }

    /// <summary>Gets the username (<c>cognito:username</c> and <c>username</c> claims).</summary>
    public string Username { get; }

    /// <summary>Gets the user's immutable id (the <c>sub</c> claim), a GUID string.</summary>
    public string Sub { get; }

    /// <summary>Gets the user's attributes, e.g. <c>email</c>, <c>email_verified</c>, <c>name</c>.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; }

    /// <summary>Gets the groups the user belongs to (the <c>cognito:groups</c> claim).</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>
    /// Gets the Cognito user status: <c>CONFIRMED</c>, or <c>FORCE_CHANGE_PASSWORD</c> while the user has only a
    /// temporary password (or none).
    /// </summary>
    public string Status
    {
        get
        {
            lock (_gate)
            {
                return _password is null || _passwordIsTemporary ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED";
            }
        }
    }

    internal DateTimeOffset Created { get; }

    internal void SetPassword(string? password, bool temporary)
    {
        lock (_gate)
        {
            _password = password;
            _passwordIsTemporary = temporary;
        }
    }

    internal bool PasswordMatches(string password)
    {
        lock (_gate)
        {
            return _password is not null && string.Equals(_password, password, StringComparison.Ordinal);
        }
    }

    /// <summary>Returns the username, never the password.</summary>
    /// <returns>For example <c>LocalUser demo</c>.</returns>
    public override string ToString() => $"LocalUser {Username}";
}
