using Cognito.Mcp.Auth.Testing.Internal;
using Cognito.Mcp.Auth.Testing.Tokens;
using Microsoft.AspNetCore.Http;

namespace Cognito.Mcp.Auth.Testing.Endpoints;

/// <summary>
/// The validated query of <c>/oauth2/authorize</c> (and of <c>/login</c>, which carries the same query). Errors
/// before the redirect URI is known to be registered show an error page; later ones go back to the client as
/// <c>?error=…&amp;state=…</c>, as RFC 6749 §4.1.2.1 requires.
/// </summary>
internal sealed record AuthorizeRequest(
    LocalAppClient Client,
    string ResponseType,
    string RedirectUri,
    string? State,
    IReadOnlyList<string> Scopes,
    string? CodeChallenge,
    string? CodeChallengeMethod,
    string? Nonce,
    string? Resource)
{
    public static AuthorizeValidation Validate(LocalUserPool pool, IQueryCollection query)
    {
        string? Get(string name) => query.TryGetValue(name, out var v) && v.Count == 1 && v[0] is { Length: > 0 } s ? s : null;

        if (Get("client_id") is not { } clientId || pool.FindClient(clientId) is not { } client)
        {
            return AuthorizeValidation.Page("invalid_request", "The client_id is missing or unknown.");
        }

        if (Get("redirect_uri") is not { } redirectUri || !client.CallbackUrls.Contains(redirectUri, StringComparer.Ordinal))
        {
            return AuthorizeValidation.Page("redirect_mismatch", "The redirect_uri is missing or is not a callback URL registered for this client.");
        }

        var state = Get("state");
        AuthorizeValidation Redirect(string error) => AuthorizeValidation.Redirect(redirectUri, error, state);

        // Cognito's page: a missing response_type is invalid_request; an unknown value is (assumed, RFC 6749
        // §4.1.2.1) unsupported_response_type.
        var responseType = Get("response_type");
        if (responseType is null)
        {
            return Redirect("invalid_request");
        }

        if (responseType is not ("code" or "token"))
        {
            return Redirect("unsupported_response_type");
        }

        if (!client.AllowedOAuthFlowsUserPoolClient || !client.Allows(responseType == "code" ? LocalOAuthFlows.Code : LocalOAuthFlows.Implicit))
        {
            return Redirect("unauthorized_client");
        }

        // Cognito's page: a scope the client may not use "will be ignored at runtime"; an invalid or unknown one is
        // invalid_scope. Assumed (unsure): ignoring may leave no scope at all, and the tokens then carry none.
        var scopes = Tokens.Scopes.Parse(Get("scope"));
        if (scopes.Count == 0)
        {
            scopes = [.. client.AllowedOAuthScopes];
        }
        else
        {
            var (allowed, _, unknown) = Tokens.Scopes.Sort(pool, client.AllowedOAuthScopes, scopes);
            if (unknown.Count > 0)
            {
                return Redirect("invalid_scope");
            }

            scopes = allowed;
        }

        var challenge = Get("code_challenge");
        var method = Get("code_challenge_method");
        // Cognito supports S256 only; a challenge without it, or a method without a challenge, is refused.
        if ((challenge is null) != (method is null) || (method is not null && method != "S256")
            || (challenge is not null && challenge.Length is < 43 or > 128))
        {
            return Redirect("invalid_request");
        }

        // Assumed (unsure): resource binding accepts any absolute URI without a fragment (RFC 8707 §2).
        var resource = Get("resource");
        if (resource is not null && (!Uri.TryCreate(resource, UriKind.Absolute, out var resourceUri) || resourceUri.Fragment.Length > 0))
        {
            return Redirect("invalid_request");
        }

        return AuthorizeValidation.Ok(new AuthorizeRequest(client, responseType, redirectUri, state, scopes, challenge, method, Get("nonce"), resource));
    }

    /// <summary>The URL the browser goes back to after a successful sign-in: a code, or implicit tokens in the fragment.</summary>
    public string Complete(LocalUserPool pool, SignInEvent signIn)
    {
        var now = pool.TimeProvider.GetUtcNow();
        if (ResponseType == "code")
        {
            var code = RandomStrings.Opaque(24);
            pool.Sessions.Codes[code] = new AuthorizationCode(
                Client.ClientId, RedirectUri, Scopes, signIn, CodeChallenge, CodeChallengeMethod, Nonce, Resource, now.AddMinutes(5));
            return AuthorizeValidation.AppendParameters(RedirectUri, '?', ("code", code), ("state", State));
        }

        var (access, id) = pool.TokenIssuer.UserTokens(Client, signIn, Scopes, Nonce, Resource);
        return AuthorizeValidation.AppendParameters(
            RedirectUri,
            '#',
            ("id_token", id),
            ("access_token", access),
            ("token_type", "Bearer"),
            ("expires_in", ((long)Client.IssuedAccessTokenLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("state", State));
    }
}
