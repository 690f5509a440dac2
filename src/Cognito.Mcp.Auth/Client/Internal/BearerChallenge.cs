using System.Text;

namespace Cognito.Mcp.Auth.Client.Internal;

/// <summary>Reads the parameters of a <c>WWW-Authenticate: Bearer ...</c> challenge (RFC 6750, RFC 9728).</summary>
internal static class BearerChallenge
{
    /// <summary>Gets a parameter (e.g. <c>error</c>, <c>resource_metadata</c>) of the response's Bearer challenge.</summary>
    public static string? GetParameter(HttpResponseMessage response, string name)
    {
        foreach (var challenge in response.Headers.WwwAuthenticate)
        {
            if (!string.Equals(challenge.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || challenge.Parameter is null)
            {
                continue;
            }

            if (Parse(challenge.Parameter).TryGetValue(name, out var value))
            {
                return value;
            }
        }

        return null;
    }

    public static bool IsInvalidToken(HttpResponseMessage response) =>
        string.Equals(GetParameter(response, "error"), "invalid_token", StringComparison.Ordinal);

    /// <summary>Parses <c>key=token, key="quoted \" string"</c> lists; malformed parts are skipped.</summary>
    internal static Dictionary<string, string> Parse(string parameters)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < parameters.Length)
        {
            while (i < parameters.Length && (parameters[i] == ',' || char.IsWhiteSpace(parameters[i])))
            {
                i++;
            }

            var keyStart = i;
            while (i < parameters.Length && parameters[i] != '=' && parameters[i] != ',')
            {
                i++;
            }

            var key = parameters[keyStart..i].Trim();
            if (i >= parameters.Length || parameters[i] != '=')
            {
                continue;
            }

            i++;
            while (i < parameters.Length && char.IsWhiteSpace(parameters[i]))
            {
                i++;
            }

            string value;
            if (i < parameters.Length && parameters[i] == '"')
            {
                i++;
                var builder = new StringBuilder();
                while (i < parameters.Length && parameters[i] != '"')
                {
                    if (parameters[i] == '\\' && i + 1 < parameters.Length)
                    {
                        i++;
                    }

                    builder.Append(parameters[i]);
                    i++;
                }

                i++;
                value = builder.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < parameters.Length && parameters[i] != ',')
                {
                    i++;
                }

                value = parameters[valueStart..i].Trim();
            }

            if (key.Length > 0)
            {
                result.TryAdd(key, value);
            }
        }

        return result;
    }
}
