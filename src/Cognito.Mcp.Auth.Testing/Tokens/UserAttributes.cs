namespace Cognito.Mcp.Auth.Testing.Tokens;

/// <summary>
/// Which user attributes the ID token and userInfo show for the granted scopes. Assumed (unsure) as in OIDC:
/// <c>email</c> → email, email_verified; <c>phone</c> → phone_number, phone_number_verified; <c>profile</c> → the
/// standard profile attributes and custom ones; <c>openid</c> alone → all readable attributes, which is what
/// Cognito does when the client asks only for <c>openid</c>.
/// </summary>
internal static class UserAttributes
{
    private static readonly string[] Email = ["email", "email_verified"];
    private static readonly string[] Phone = ["phone_number", "phone_number_verified"];

    public static IEnumerable<KeyValuePair<string, string>> Visible(LocalUser user, IReadOnlyCollection<string> scopes)
    {
        var onlyOpenId = !scopes.Any(s => s is "email" or "phone" or "profile");
        foreach (var (name, value) in user.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var visible = onlyOpenId
                || (scopes.Contains("email") && Email.Contains(name))
                || (scopes.Contains("phone") && Phone.Contains(name))
                || (scopes.Contains("profile") && !Email.Contains(name) && !Phone.Contains(name));
            if (visible && name != "sub")
            {
                yield return new(name, value);
            }
        }
    }
}
