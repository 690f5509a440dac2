using Microsoft.Extensions.Options;

namespace WebLogin;

/// <summary>Start-up configuration errors end the app with their messages on stderr and exit code 1, never a stack trace.</summary>
internal static class StartupErrors
{
    /// <summary>
    /// Runs the <c>ValidateOnStart</c> checks now, before <c>app.Run()</c> (which would log the failure with its stack
    /// trace and crash), and returns every message; none when the configuration is valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return [.. e.Failures];
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return [.. e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures)];
        }
    }

    /// <summary>Prints "<paramref name="app"/> is not configured:" and one line per problem to stderr; returns exit code 1.</summary>
    public static int Report(string app, IEnumerable<string> problems)
    {
        Console.Error.WriteLine($"{app} is not configured:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p)));
        return 1;
    }
}
