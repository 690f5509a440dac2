using System.Text.Json.Nodes;
using Cognito.Mcp.Auth.Testing.Internal;

namespace Cognito.Mcp.Auth.Testing.Management;

/// <summary>
/// <c>AdminCreateUser</c> (status <c>FORCE_CHANGE_PASSWORD</c>; no message is sent) and <c>AdminSetUserPassword</c>
/// (<c>Permanent</c> makes the user <c>CONFIRMED</c>, so it can sign in on the managed login page).
/// </summary>
internal static class UserOperations
{
    public static JsonObject AdminCreateUser(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = UserPoolOperations.Pool(pools, request);
        var username = request.RequiredString("Username");
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in request.Objects("UserAttributes"))
        {
            var name = attribute.RequiredString("Name");
            if (name == "sub")
            {
                throw CognitoValidation.Invalid("Cannot modify the non-mutable attribute sub.");
            }

            attributes[name] = attribute.String("Value") ?? "";
        }

        var temporary = request.String("TemporaryPassword");
        if (temporary is not null)
        {
            CognitoValidation.Password(pool.PasswordPolicy, temporary);
        }

        var user = pool.CreateUser(username, attributes, groups: null);
        user.SetPassword(temporary, temporary: true);
        return new JsonObject { ["User"] = ManagementShapes.User(user) };
    }

    public static JsonObject AdminSetUserPassword(UserPoolRegistry pools, ManagementRequest request)
    {
        var pool = UserPoolOperations.Pool(pools, request);
        var username = request.RequiredString("Username");
        var password = request.RequiredString("Password");
        var user = pool.FindUser(username) ?? throw new LocalCognitoException("UserNotFoundException", "User does not exist.");
        CognitoValidation.Password(pool.PasswordPolicy, password);
        user.SetPassword(password, temporary: !(request.Bool("Permanent") ?? false));
        return [];
    }
}
