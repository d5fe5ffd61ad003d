namespace Moderation.Bundles;

/// <summary>A bundle that must not be served; the message names the file and what is wrong with it.</summary>
public sealed class InvalidBundleException : Exception
{
    public InvalidBundleException(string message)
        : base(message)
    {
    }

    public InvalidBundleException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InvalidBundleException()
    {
    }
}
