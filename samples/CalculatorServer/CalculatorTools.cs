using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace CalculatorServer;

/// <summary>The six calculator tools of the original demo: same names, parameters and float semantics.</summary>
[McpServerToolType]
public static class CalculatorTools
{
    [McpServerTool(Name = "add"), Description("Add two numbers")]
    public static double Add(double a, double b) => Finite(a + b);

    [McpServerTool(Name = "subtract"), Description("Subtract b from a")]
    public static double Subtract(double a, double b) => Finite(a - b);

    [McpServerTool(Name = "multiply"), Description("Multiply two numbers")]
    public static double Multiply(double a, double b) => Finite(a * b);

    [McpServerTool(Name = "divide"), Description("Divide a by b")]
    public static double Divide(double a, double b) =>
        b == 0 ? throw new McpException("Cannot divide by zero") : Finite(a / b);

    [McpServerTool(Name = "power"), Description("Raise base to the power of exponent")]
    public static double Power(double @base, double exponent) => Finite(Math.Pow(@base, exponent));

    [McpServerTool(Name = "square_root"), Description("Calculate the square root of a number")]
    public static double SquareRoot(double number) =>
        number < 0 ? throw new McpException("Cannot calculate square root of a negative number") : Finite(Math.Sqrt(number));

    // JSON has no NaN or Infinity: an overflowing result is a tool error, not a protocol failure.
    private static double Finite(double result) =>
        double.IsFinite(result) ? result : throw new McpException("The result is not a finite number");
}
