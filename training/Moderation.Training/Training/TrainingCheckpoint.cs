using System.Globalization;
using Moderation.Training.Model;
using TorchSharp.Modules;

namespace Moderation.Training.Training;

/// <summary>
/// checkpoints/step-&lt;N&gt;/: model.safetensors (<see cref="ModerationModel.Save"/>), optimizer.bin
/// (AdamW moments and step counts), ema.safetensors (the <see cref="WeightAverage"/>, when on), state.json (<see cref="TrainerState"/>: step, best, patience).
/// Data order, dropout and routing noise derive from (seed, step) (<see cref="StepSeed"/>), so the
/// step number is the sampler's, schedule's and RNG's state. Written to a temporary directory and
/// renamed, so a crash mid-write leaves the previous checkpoint as the latest.
/// </summary>
public static class TrainingCheckpoint
{
    public const string Directory = "checkpoints";
    private const string Prefix = "step-";

    public const string AverageFile = "ema.safetensors";

    public static string Write(string runDirectory, ModerationModel model, OptimizerHelper optimizer, TrainerState state, int keep, WeightAverage? average = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        var root = Path.Combine(runDirectory, Directory);
        var final = Path.Combine(root, Prefix + state.Step.ToString(CultureInfo.InvariantCulture));
        var temp = final + ".tmp";
        if (System.IO.Directory.Exists(temp))
        {
            System.IO.Directory.Delete(temp, recursive: true);
        }

        System.IO.Directory.CreateDirectory(temp);
        model.Save(Path.Combine(temp, RunDirectory.ModelFile));
        optimizer.save_state_dict(Path.Combine(temp, "optimizer.bin"));
        average?.Save(Path.Combine(temp, AverageFile));
        File.WriteAllText(Path.Combine(temp, "state.json"), state.ToJson());
        if (System.IO.Directory.Exists(final))
        {
            System.IO.Directory.Delete(final, recursive: true);
        }

        System.IO.Directory.Move(temp, final);
        foreach (var old in List(runDirectory).SkipLast(keep))
        {
            System.IO.Directory.Delete(old.Path, recursive: true);
        }

        return final;
    }

    /// <summary>Complete checkpoints, oldest first.</summary>
    public static IReadOnlyList<(long Step, string Path)> List(string runDirectory)
    {
        var root = Path.Combine(runDirectory, Directory);
        if (!System.IO.Directory.Exists(root))
        {
            return [];
        }

        return [.. System.IO.Directory.EnumerateDirectories(root, Prefix + "*")
            .Select(path => (ok: long.TryParse(Path.GetFileName(path)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var step), step, path))
            .Where(x => x.ok && File.Exists(Path.Combine(x.path, "state.json")))
            .OrderBy(x => x.step)
            .Select(x => (x.step, x.path))];
    }

    public static string? Latest(string runDirectory) => List(runDirectory) is { Count: > 0 } all ? all[^1].Path : null;

    public static TrainerState ReadState(string checkpoint) => TrainerState.FromJson(File.ReadAllText(Path.Combine(checkpoint, "state.json")));
}
