using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using static WebLogin.Html;

namespace WebLogin;

/// <summary>GET /profile: the user from Cognito's <c>/oauth2/userInfo</c>, the sign-in claims and the decoded tokens.</summary>
internal static class Profile
{
    public static async Task<IResult> ShowAsync(
        HttpContext context, IHttpClientFactory httpClients, IAntiforgery antiforgery, IConfiguration configuration, ILogger<WebLoginSettings> logger)
    {
        var accessToken = await context.GetTokenAsync("access_token");
        var idToken = await context.GetTokenAsync("id_token");
        var refreshToken = await context.GetTokenAsync("refresh_token");
        var domain = configuration["Cognito:Domain"]!.TrimEnd('/');

        // userInfo takes the user's access token (it needs the openid scope) and returns the user's attributes.
        JsonObject? userInfo = null;
        string? userInfoError = null;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, domain + "/oauth2/userInfo");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await httpClients.CreateClient("cognito").SendAsync(request, context.RequestAborted);
            if (response.IsSuccessStatusCode)
            {
                userInfo = JsonNode.Parse(await response.Content.ReadAsStringAsync(context.RequestAborted)) as JsonObject;
            }
            else
            {
                userInfoError = $"Cognito answered {(int)response.StatusCode} {response.ReasonPhrase}; log out and in again if your session has expired.";
            }
        }
        catch (HttpRequestException e)
        {
            logger.LogWarning(e, "userInfo request failed");
            userInfoError = "Cognito's userInfo endpoint could not be reached.";
        }

        var body = new StringBuilder();
        if (userInfo is not null)
        {
            body.Append($"""
                <dl>
                  <dt>Email</dt><dd id="email">{E(userInfo["email"])}</dd>
                  <dt>Name</dt><dd id="name">{E(userInfo["name"])}</dd>
                  <dt>Subject (sub)</dt><dd id="sub">{E(userInfo["sub"])}</dd>
                </dl>
                <h2>userInfo</h2><pre>{E(Json(userInfo))}</pre>
                """);
        }
        else
        {
            body.Append($"""<p class="error">{E(userInfoError)}</p>""");
        }

        body.Append("<h2>Claims of this sign-in</h2><ul>");
        foreach (var claim in context.User.Claims)
        {
            body.Append($"<li>{E(claim.Type)}: {E(claim.Value)}</li>");
        }

        body.Append("</ul><h2>Tokens</h2>");
        body.Append(Jwt("Access token", accessToken));
        body.Append(Jwt("ID token", idToken));
        body.Append($"<h3>Refresh token</h3><p>{(refreshToken is null ? "(none)" : "Present; an opaque encrypted value, not shown.")}</p>");
        var tokens = antiforgery.GetAndStoreTokens(context);
        body.Append(LogoutForm(tokens.FormFieldName, tokens.RequestToken));
        return Page("Profile", body.ToString());
    }
}
