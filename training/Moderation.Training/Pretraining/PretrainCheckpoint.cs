using Moderation.Training.Training;
using static TorchSharp.torch;

namespace Moderation.Training.Pretraining;

/// <summary>
/// OUT/checkpoints/step-&lt;N&gt;/ of a pretraining run: model.safetensors (<see cref="MaskedLanguageModel.Save"/>),
/// optimizer.bin (AdamW moments), rng.bin (libtorch's CPU generator, which draws dropout and routing noise) and
/// state.json (<see cref="PretrainState"/>). Data order and masks come from seeded .NET generators that a resume
/// replays, so on the CPU a resumed run takes the same steps as one that never stopped.
/// </summary>
public static class PretrainCheckpoint
{
    private const string OptimizerFile = "optimizer.bin";
    private const string RngFile = "rng.bin";

    public static string Write(string outDirectory, MaskedLanguageModel model, TorchSharp.Modules.OptimizerHelper optimizer, PretrainState state, int keep)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        return CheckpointDirectory.Write(outDirectory, state.Step, keep, folder =>
        {
            model.Save(Path.Combine(folder, Pretrainer.ModelFile));
            optimizer.save_state_dict(Path.Combine(folder, OptimizerFile));
            using var rng = TorchSharp.torch.random.get_rng_state();
            File.WriteAllBytes(Path.Combine(folder, RngFile), rng.data<byte>().ToArray());
        }, state.ToJson());
    }

    public static string? Latest(string outDirectory) => CheckpointDirectory.Latest(outDirectory);

    public static PretrainState ReadState(string checkpoint) =>
        PretrainState.FromJson(File.ReadAllText(Path.Combine(checkpoint, CheckpointDirectory.StateFile)));

    /// <summary>Puts weights, optimiser moments and libtorch's generator back as they were when <paramref name="checkpoint"/> was written.</summary>
    public static void Restore(string checkpoint, MaskedLanguageModel model, TorchSharp.Modules.OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        model.LoadWeights(Path.Combine(checkpoint, Pretrainer.ModelFile));
        optimizer.load_state_dict(Path.Combine(checkpoint, OptimizerFile));
        var bytes = File.ReadAllBytes(Path.Combine(checkpoint, RngFile));
        using var rng = tensor(bytes, ScalarType.Byte);
        TorchSharp.torch.random.set_rng_state(rng);
    }
}
