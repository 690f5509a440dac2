namespace Cognito.Mcp.Auth.Client;

/// <summary>
/// An access token issued by Cognito. <see cref="ToString"/> never shows the token itself, so the value can be logged
/// safely; read <see cref="Value"/> only to send it.
/// </summary>
public sealed class CognitoAccessToken
{
    /// <summary>Initializes a new instance of the <see cref="CognitoAccessToken"/> class.</summary>
    /// <param name="value">The access token (a JWT).</param>
    /// <param name="expiresAt">When the token expires.</param>
    /// <param name="scope">The space-separated scopes the token carries, or <see langword="null"/> if unknown.</param>
    public CognitoAccessToken(string value, DateTimeOffset expiresAt, string? scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        ExpiresAt = expiresAt;
        Scope = scope;
    }

    /// <summary>Gets the access token to send as <c>Authorization: Bearer {Value}</c>.</summary>
    public string Value { get; }

    /// <summary>Gets when the token expires, by the client's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets the space-separated scopes granted (or requested, when Cognito did not echo them).</summary>
    public string? Scope { get; }

    /// <summary>Gets the token type: always <c>Bearer</c>.</summary>
    public string TokenType => "Bearer";

    /// <summary>Describes the token without revealing it.</summary>
    /// <returns>The expiry and scope, with the token redacted.</returns>
    public override string ToString() => $"CognitoAccessToken {{ Value = [redacted], ExpiresAt = {ExpiresAt:O}, Scope = {Scope} }}";
}
