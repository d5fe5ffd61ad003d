namespace Moderation.Training.Training;

/// <summary>A run directory that breaks its contract (<see cref="RunDirectory"/>); the message names the file and the problem.</summary>
public sealed class RunDirectoryException : Exception
{
    public RunDirectoryException(string message)
        : base(message)
    {
    }

    public RunDirectoryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public RunDirectoryException()
    {
    }
}
