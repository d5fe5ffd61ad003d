using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Export;
using Moderation.Training.Model;
using Moderation.Training.Native;

namespace Inference.Benchmarks;

/// <summary>
/// The bundle under test: an exported bundle as it is (by default the shipped one), a training run exported with
/// <c>moderation export</c>, or the tiny preset with random weights.
/// </summary>
public sealed record BenchModel(string Bundle, string Description, long Parameters, string Config)
{
    public static BenchModel Create(BenchSettings settings, string workDirectory)
    {
        TorchNativeLoader.EnsureLoaded();
        if (settings.Bundle is not null)
        {
            var served = BundleVerifier.Verify(settings.Bundle);
            var shape = XlmrConfig.FromJson(served.Manifest.Config.ToJsonString());
            using var counted = new ModerationModel(shape);
            return new BenchModel(served.Directory, $"bundle {settings.Bundle} ({served.Version}), served as it is",
                counted.ParameterCounts().Total, shape.ToJson());
        }

        var bundleDirectory = Path.Combine(workDirectory, "bundle");
        if (settings.RunDirectory is not null)
        {
            var bundle = BundleExporter.Export(settings.RunDirectory, bundleDirectory);
            using var trained = ModerationModel.Load(Path.Combine(settings.RunDirectory, "model.safetensors"));
            return new BenchModel(bundle.Directory, $"run {settings.RunDirectory} (trained weights), exported by moderation export",
                trained.ParameterCounts().Total, trained.Config.ToJson());
        }

        var tokenizerPath = settings.TokenizerFile ?? throw new ArgumentException("no --bundle, --run or --tokenizer: nothing to build a model over");
        var config = XlmrConfig.Preset("tiny", XlmrTokenizer.Load(tokenizerPath).VocabularySize) with
        {
            NumFamilies = Families.All.Count,
            NumCategories = Categories.All.Count,
        };
        TorchSharp.torch.manual_seed(1);
        using var model = new ModerationModel(config);
        model.eval();
        var exported = BundleExporter.Export(new BundleSource
        {
            Model = model,
            TokenizerPath = tokenizerPath,
            Families = Families.All,
            Categories = Categories.All,
            RunId = "benchrandom",
        }, bundleDirectory);
        return new BenchModel(exported.Directory, "tiny preset with random weights (throughput only; verdicts meaningless)",
            model.ParameterCounts().Total, config.ToJson());
    }
}
