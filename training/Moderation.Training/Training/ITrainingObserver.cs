namespace Moderation.Training.Training;

/// <summary>What the trainer reports as it goes: the CLI draws it, tests record it.</summary>
public interface ITrainingObserver
{
    void OnMessage(string message);
    void OnStart(TrainerState state, long totalSteps);
    void OnStep(StepReport report);
    void OnValidation(long step, ValidationResult result, bool improved);
    void OnCheckpoint(long step, string path);
}

/// <summary>One optimiser step: mean loss over its micro-batches and the schedule values it used.</summary>
public sealed record StepReport(
    long Step,
    long TotalSteps,
    double Loss,
    double FamilyLoss,
    double CategoryLoss,
    double AuxLoss,
    double LearningRate,
    double RouterTemperature,
    double LanguageTemperature,
    double GradNorm,
    double TokensPerSecond,
    TimeSpan Elapsed,
    IReadOnlyList<double[]> ExpertShares,
    double ExpertLoadCv);

/// <summary>An observer that ignores everything.</summary>
public sealed class SilentObserver : ITrainingObserver
{
    public static SilentObserver Instance { get; } = new();

    public void OnMessage(string message)
    {
    }

    public void OnStart(TrainerState state, long totalSteps)
    {
    }

    public void OnStep(StepReport report)
    {
    }

    public void OnValidation(long step, ValidationResult result, bool improved)
    {
    }

    public void OnCheckpoint(long step, string path)
    {
    }
}
