namespace Moderation.Datasets;

/// <summary>A build input is wrong (unknown language or label, bad sources file, integrity mismatch): the build stops with this message.</summary>
public sealed class BuildException : Exception
{
    public BuildException(string message) : base(message)
    {
    }

    public BuildException(string message, Exception inner) : base(message, inner)
    {
    }

    public BuildException()
    {
    }
}
