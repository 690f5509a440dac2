namespace Cognito.Mcp.Auth.LoadTest;

/// <summary>
/// The median, quartiles and range of a few values (per-round ratios). Quartiles interpolate linearly between the
/// sorted values (the common "type 7" definition), so nine rounds give a meaningful interquartile range.
/// </summary>
internal readonly record struct Spread(double Median, double LowerQuartile, double UpperQuartile, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        return new Spread(Quantile(sorted, 0.5), Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted[0], sorted[^1]);
    }

    private static double Quantile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
