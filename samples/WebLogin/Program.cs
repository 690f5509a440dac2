using DotNetEnv.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using WebLogin;
using static WebLogin.Html;

var builder = WebApplication.CreateBuilder(args);

// The .env written by setup.sh (real Cognito) overrides appsettings.json (LocalCognito's development pool);
// user-secrets (Development), environment variables and the command line override both. The .env is looked for in this sample's folder and the
// repository root only, never in the working directory (SetupEnvFile.Find).
if (SetupEnvFile.Find() is { } envFile)
{
    builder.Configuration.AddDotNetEnv(envFile);
}

builder.Configuration.AddInMemoryCollection(SetupEnvSettings.ToWebLoginSettings(builder.Configuration));
if (builder.Environment.IsDevelopment())
{
    builder.Configuration.AddUserSecrets<Program>(optional: true);
}

builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);

// Every problem of the Cognito section at once; WebLogin stops with them (stderr, exit code 1).
var settings = builder.Configuration.GetSection("Cognito").Get<WebLoginSettings>() ?? new();
var problems = settings.Validate(builder.Environment.IsDevelopment()).ToList();
if (problems.Count > 0)
{
    return StartupErrors.Report("WebLogin", problems);
}

// Secure cookies everywhere, except plain http on this machine while developing against LocalCognito.
var cookieSecurity = builder.Environment.IsDevelopment() && LocalUrls.AreLoopback(builder.Configuration["urls"])
    ? CookieSecurePolicy.SameAsRequest
    : CookieSecurePolicy.Always;

builder.Services.AddAuthentication(options =>
    {
        options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
    })
    .AddCookie(options =>
    {
        options.Cookie.Name = "WebLogin";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = cookieSecurity;
        options.ExpireTimeSpan = TimeSpan.FromHours(1); // Cognito's default access token lifetime.
        options.SlidingExpiration = false;
    })
    .AddOpenIdConnect(options =>
    {
        // Authorization code + PKCE; the handler checks state (correlation cookie) and the ID token's nonce.
        options.Authority = settings.Authority;
        options.RequireHttpsMetadata = !settings.IsLoopback;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query; // Cognito has no form_post.
        options.UsePkce = true;
        options.SaveTokens = true;
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "cognito:username";
        options.CallbackPath = settings.RedirectUri is { Length: > 0 } uri ? new Uri(uri).AbsolutePath : "/callback";
        options.AccessDeniedPath = "/signin-cancelled";
        options.Scope.Clear();
        foreach (var scope in settings.Scopes)
        {
            options.Scope.Add(scope);
        }

        // The callback is a top-level GET from Cognito: Lax cookies come along, and need no Secure flag on http loopback.
        options.CorrelationCookie.SameSite = options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = options.NonceCookie.SecurePolicy = cookieSecurity;
        options.Events.OnRedirectToIdentityProvider = context =>
        {
            if (settings.RedirectUri is { Length: > 0 } registered)
            {
                context.ProtocolMessage.RedirectUri = registered; // Exactly the callback URL setup.sh registered.
            }

            return Task.CompletedTask;
        };
        options.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILogger<Program>>()
                .LogWarning("Sign-in failed: {Reason}", context.Failure?.Message);
            context.Response.Redirect("/signin-failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    });
builder.Services.AddAuthorization();
builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "WebLogin.Antiforgery";
    options.Cookie.SecurePolicy = cookieSecurity;
    options.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddHttpClient("cognito");

// The M2M demo: client_credentials tokens for read + write, sent by the MCP client's HttpClient.
builder.Services.AddCognitoTokenClient(builder.Configuration.GetSection("M2M"));
builder.Services.AddHttpClient(M2MDemo.HttpClientName).AddCognitoAccessTokenHandler();

var app = builder.Build();
app.Use(async (context, next) =>
{
    context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
    context.Response.Headers.XContentTypeOptions = "nosniff";
    context.Response.Headers.CacheControl = "no-store";
    await next(context);
});
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) =>
{
    var user = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null;
    var tokens = antiforgery.GetAndStoreTokens(context);
    return Page("Cognito sign-in demo", user is null
        ? """<p>You are not signed in.</p><p><a href="/login">Log in with Cognito</a></p><p><a href="/m2m-demo">Machine-to-machine demo</a> (after signing in)</p>"""
        : $"""<p>Signed in as <b>{E(user)}</b>.</p><p><a href="/profile">Profile</a> · <a href="/m2m-demo">Machine-to-machine demo</a></p>{LogoutForm(tokens.FormFieldName, tokens.RequestToken)}""");
});

app.MapGet("/login", () => Results.Challenge(new AuthenticationProperties { RedirectUri = "/profile" }));

app.MapGet("/profile", Profile.ShowAsync).RequireAuthorization();

app.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
{
    if (!await antiforgery.IsRequestValidAsync(context))
    {
        return Page("Log out", """<p class="error">The form expired. Go back, reload the page and try again.</p>""", StatusCodes.Status400BadRequest);
    }

    await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    // Cognito ends its own session, then sends the browser back to the registered sign-out URL (GET /logout below).
    var logoutUri = settings.LogoutUri is { Length: > 0 } registered ? registered : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/logout";
    return Results.Redirect($"{settings.Domain.TrimEnd('/')}/logout?client_id={Uri.EscapeDataString(settings.ClientId)}&logout_uri={Uri.EscapeDataString(logoutUri)}");
});

app.MapGet("/logout", () => Page("Signed out", """<p>You are signed out of this app and of Cognito.</p><p><a href="/login">Log in again</a></p>"""));

app.MapGet("/signin-cancelled", () =>
    Page("Sign-in cancelled", """<p class="error">Sign-in was cancelled or refused (access_denied). Nothing was changed.</p><p><a href="/login">Try again</a></p>""", StatusCodes.Status403Forbidden));

app.MapGet("/signin-failed", () =>
    Page("Sign-in failed", """<p class="error">Sign-in could not be completed (for example the sign-in took too long, or was started in another browser). Details are in the server log.</p><p><a href="/login">Try again</a></p>""", StatusCodes.Status400BadRequest));

// Signed-in users only: the page spends this server's M2M client secret on a token and calls CalculatorServer with it.
app.MapGet("/m2m-demo", M2MDemo.ShowAsync).RequireAuthorization();

// The M2M section is checked at start-up too (AddCognitoTokenClient); a mistake ends here, like those above.
if (StartupErrors.Validate(app.Services) is { Count: > 0 } errors)
{
    return StartupErrors.Report("WebLogin", errors);
}

app.Run();
return 0;

public partial class Program;
