using System.ComponentModel;
using System.Globalization;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace CalculatorServer;

/// <summary>The six calculator tools of the original demo: same names, parameters and float semantics.</summary>
// Not a static class: WithTools<CalculatorTools>() takes it as a type argument, which finds the tools without reflection
// over the whole assembly (native AOT).
[McpServerToolType]
public sealed class CalculatorTools
{
    private CalculatorTools()
    {
    }

    [McpServerTool(Name = "add"), Description("Add two numbers")]
    public static CallToolResult Add(double a, double b) => Result(a + b);

    [McpServerTool(Name = "subtract"), Description("Subtract b from a")]
    public static CallToolResult Subtract(double a, double b) => Result(a - b);

    [McpServerTool(Name = "multiply"), Description("Multiply two numbers")]
    public static CallToolResult Multiply(double a, double b) => Result(a * b);

    [McpServerTool(Name = "divide"), Description("Divide a by b")]
    public static CallToolResult Divide(double a, double b) => b == 0 ? Error("Cannot divide by zero") : Result(a / b);

    [McpServerTool(Name = "power"), Description("Raise base to the power of exponent")]
    public static CallToolResult Power(double @base, double exponent) => Result(Math.Pow(@base, exponent));

    [McpServerTool(Name = "square_root"), Description("Calculate the square root of a number")]
    public static CallToolResult SquareRoot(double number) =>
        number < 0 ? Error("Cannot calculate square root of a negative number") : Result(Math.Sqrt(number));

    // Tool errors (isError: true) with the original's messages, not protocol failures. JSON has no NaN or Infinity, so an
    // overflowing result is an error too.
    private static CallToolResult Result(double value) => double.IsFinite(value)
        ? new() { Content = [new TextContentBlock { Text = value.ToString("R", CultureInfo.InvariantCulture) }] }
        : Error("The result is not a finite number");

    private static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
