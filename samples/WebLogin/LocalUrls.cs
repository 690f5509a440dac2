namespace WebLogin;

/// <summary>Tells whether every address this app listens on is on the loopback interface.</summary>
internal static class LocalUrls
{
    public static bool AreLoopback(string? urls) =>
        !string.IsNullOrWhiteSpace(urls) && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .All(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || WebLoginSettings.IsLoopbackHost(uri)));
}
