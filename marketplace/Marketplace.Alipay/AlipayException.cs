namespace Marketplace.Alipay;

/// <summary>The gateway could not be used: transport failure, malformed answer, or bad signature. The outcome of the call is unknown.</summary>
public class AlipayException : Exception
{
    public AlipayException()
    {
    }

    public AlipayException(string message)
        : base(message)
    {
    }

    public AlipayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An answer whose signature does not verify with the Alipay public key: never trust its content.</summary>
public sealed class AlipaySignatureException : AlipayException
{
    public AlipaySignatureException()
    {
    }

    public AlipaySignatureException(string message)
        : base(message)
    {
    }

    public AlipaySignatureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
