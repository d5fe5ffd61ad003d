namespace Moderation.Training.Checkpoints;

/// <summary>A checkpoint tensor's shape differs from the model's; nothing was loaded.</summary>
public sealed class CheckpointShapeException : Exception
{
    public CheckpointShapeException(IReadOnlyList<string> mismatches)
        : base($"checkpoint does not fit the model config: {mismatches.Count} shape mismatch(es), e.g. {string.Join("; ", mismatches.Take(3))}")
    {
        Mismatches = mismatches;
    }

    public CheckpointShapeException()
    {
        Mismatches = [];
    }

    public CheckpointShapeException(string message)
        : base(message)
    {
        Mismatches = [];
    }

    public CheckpointShapeException(string message, Exception innerException)
        : base(message, innerException)
    {
        Mismatches = [];
    }

    public IReadOnlyList<string> Mismatches { get; }
}
