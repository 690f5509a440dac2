namespace Cognito.Mcp.Auth.Testing;

/// <summary>
/// A request LocalCognito refuses the way Amazon Cognito would, for example an app client asking for a scope no
/// resource server defines. <see cref="ErrorType"/> is the Cognito exception name the management API returns as
/// <c>__type</c>.
/// </summary>
public sealed class LocalCognitoException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="LocalCognitoException"/> class.</summary>
    /// <param name="errorType">The Cognito exception name, e.g. <c>ScopeDoesNotExistException</c>.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public LocalCognitoException(string errorType, string message)
        : base(message)
    {
        ErrorType = errorType;
    }

    /// <summary>Initializes a new instance of the <see cref="LocalCognitoException"/> class.</summary>
    public LocalCognitoException()
        : this("InternalErrorException", "LocalCognito failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LocalCognitoException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    public LocalCognitoException(string message)
        : this("InvalidParameterException", message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="LocalCognitoException"/> class.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public LocalCognitoException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorType = "InvalidParameterException";
    }

    /// <summary>Gets the Cognito exception name, e.g. <c>InvalidOAuthFlowException</c>.</summary>
    public string ErrorType { get; } = "InvalidParameterException";
}
