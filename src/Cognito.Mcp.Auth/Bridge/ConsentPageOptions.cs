namespace Cognito.Mcp.Auth;

/// <summary>How the consent page looks: every user of the server sees it before a client's first sign-in.</summary>
public sealed class ConsentPageOptions
{
    /// <summary>
    /// Gets or sets the name shown as the page's title, e.g. <c>Acme Calculator</c>. Default <see langword="null"/>:
    /// <c>Cognito:ResourceName</c>, else the application's name.
    /// </summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// Gets or sets an https (or, in Development, any) URL of a logo shown above the title. Default
    /// <see langword="null"/>: no logo. The image is loaded by the user's browser, never by the server.
    /// </summary>
    public string? LogoUrl { get; set; }

    /// <summary>
    /// Gets or sets the URL of a stylesheet loaded after the built-in one, to brand the page. Default
    /// <see langword="null"/>: the built-in style only, which follows the system's light or dark mode.
    /// </summary>
    public string? StylesheetUrl { get; set; }
}
