using Moderation.Training.Training;

namespace Moderation.Training.Tests.Training;

/// <summary>Records every step and checkpoint; optionally cancels (as Ctrl-C would) once a given step is done.</summary>
internal sealed class RecordingObserver(CancellationTokenSource? cancel = null, long cancelAfterStep = -1) : ITrainingObserver
{
    public List<StepReport> Steps { get; } = [];
    public List<(long Step, string Path)> Checkpoints { get; } = [];
    public List<(long Step, ValidationResult Result)> Validations { get; } = [];
    public List<string> Messages { get; } = [];

    public void OnMessage(string message) => Messages.Add(message);

    public void OnStart(TrainerState state, long totalSteps)
    {
    }

    public void OnStep(StepReport report)
    {
        Steps.Add(report);
        if (report.Step == cancelAfterStep)
        {
            cancel?.Cancel();
        }
    }

    public void OnValidation(long step, ValidationResult result, bool improved) => Validations.Add((step, result));

    public void OnCheckpoint(long step, string path) => Checkpoints.Add((step, path));
}
