using Moderation.Training.Native;
using Moderation.Training.Pretraining;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Pretraining;

public sealed class MaskedLanguageModelTests
{
    [Fact]
    public void An_untrained_model_starts_near_chance_and_only_labelled_positions_count()
    {
        // Before any torch call: on Debian 12 the native library loads only once the loader has patched it, and a
        // failed first load poisons TorchSharp for every later test in the process.
        TorchNativeLoader.EnsureLoaded();
        torch.set_num_threads(1);
        torch.manual_seed(3);
        var config = TestModels.Tiny() with { VocabSize = 500 };
        using var model = new MaskedLanguageModel(config);
        model.eval();
        var (ids, mask) = TestModels.Batch([10, 11, 12, 13], [20, 21]);
        using var labels = full_like(ids, MaskedLanguageModel.Ignored);
        labels[0, 2] = tensor(11L);
        labels[1, 1] = tensor(20L);

        using var output = model.forward(ids, mask, labels);

        // XLM-R's initialisation: with TorchSharp's N(0, 1) embeddings tied to the decoder the loss would start near 40.
        Assert.InRange(output.MlmLoss, Math.Log(500) - 1, Math.Log(500) + 1);
        Assert.Equal(2, output.Predicted);
    }
}
