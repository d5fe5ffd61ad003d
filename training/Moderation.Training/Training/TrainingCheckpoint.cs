using Moderation.Training.Model;
using TorchSharp.Modules;

namespace Moderation.Training.Training;

/// <summary>
/// checkpoints/step-&lt;N&gt;/: model.safetensors (<see cref="ModerationModel.Save"/>), optimizer.bin
/// (AdamW moments and step counts), ema.safetensors (the <see cref="WeightAverage"/>, when on), state.json (<see cref="TrainerState"/>: step, best, patience).
/// Data order, dropout and routing noise derive from (seed, step) (<see cref="StepSeed"/>), so the
/// step number is the sampler's, schedule's and RNG's state. Written through <see cref="CheckpointDirectory"/>.
/// </summary>
public static class TrainingCheckpoint
{
    public const string Directory = CheckpointDirectory.Name;

    public const string AverageFile = "ema.safetensors";

    public static string Write(string runDirectory, ModerationModel model, OptimizerHelper optimizer, TrainerState state, int keep, WeightAverage? average = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        return CheckpointDirectory.Write(runDirectory, state.Step, keep, folder =>
        {
            model.Save(Path.Combine(folder, RunDirectory.ModelFile));
            optimizer.save_state_dict(Path.Combine(folder, "optimizer.bin"));
            average?.Save(Path.Combine(folder, AverageFile));
        }, state.ToJson());
    }

    /// <summary>Complete checkpoints, oldest first.</summary>
    public static IReadOnlyList<(long Step, string Path)> List(string runDirectory) => CheckpointDirectory.List(runDirectory);

    public static string? Latest(string runDirectory) => CheckpointDirectory.Latest(runDirectory);

    public static TrainerState ReadState(string checkpoint) => TrainerState.FromJson(File.ReadAllText(Path.Combine(checkpoint, CheckpointDirectory.StateFile)));
}
