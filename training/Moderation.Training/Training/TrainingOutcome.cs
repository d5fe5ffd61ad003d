namespace Moderation.Training.Training;

/// <summary>How a run ended: all steps done, early stopping, time budget, or cancelled (Ctrl-C) with a checkpoint.</summary>
public enum StopReason
{
    Completed,
    EarlyStopped,
    TimeBudget,
    Cancelled,
}

public sealed record TrainingOutcome(StopReason Reason, TrainerState State, string RunDirectory, string RunId, string? Checkpoint);
