using Moderation.Training.Checkpoints;
using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Checkpoints;

public sealed class CheckpointTests
{
    [Fact]
    public void Save_then_load_gives_identical_outputs()
    {
        using var model = TestModels.Build(TestModels.Tiny(lora: new LoraConfig { Rank = 2 }));
        using (no_grad())
        {
            foreach (var (name, p) in model.named_parameters().Where(p => p.name.Contains("lora_B", StringComparison.Ordinal)))
            {
                p.normal_(0, 0.1);
            }
        }

        var path = TestModels.TempFile("model.safetensors");
        model.Save(path);
        using var loaded = ModerationModel.Load(path);
        loaded.eval();
        Assert.Equal(model.Config, loaded.Config);
        var (ids, mask) = TestModels.Batch([5, 6, 7], [8, 9, 10, 11]);
        using var a = model.forward(ids, mask, null);
        using var b = loaded.forward(ids, mask, null);
        Assert.True(a.FamilyLogits.eq(b.FamilyLogits).all().item<bool>());
        Assert.True(a.CategoryLogits.eq(b.CategoryLogits).all().item<bool>());
    }

    [Fact]
    public void Corrupt_or_foreign_files_are_refused_with_a_clear_error()
    {
        var garbage = TestModels.TempFile("garbage.safetensors");
        Directory.CreateDirectory(Path.GetDirectoryName(garbage)!);
        File.WriteAllBytes(garbage, [16, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'x']);
        var error = Assert.Throws<InvalidDataException>(() => ModerationModel.Load(garbage));
        Assert.Contains("not a valid safetensors file", error.Message, StringComparison.Ordinal);

        var foreign = TestModels.TempFile("foreign.safetensors");
        using var t = ones(2, 2);
        SafetensorsFile.Save(foreign, [new("x", t)]);
        Assert.Contains("no model config", Assert.Throws<InvalidDataException>(() => ModerationModel.Load(foreign)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_Hugging_Face_named_checkpoint_loads_by_name_with_or_without_the_roberta_prefix(bool withPrefix)
    {
        using var source = TestModels.Build(TestModels.Tiny(moe: false), seed: 1);
        var path = WriteHfCheckpoint(source, withPrefix);
        using var target = TestModels.Build(TestModels.Tiny(moe: false), seed: 2);
        var report = HfCheckpointLoader.Load(target, Path.GetDirectoryName(path)!);

        Assert.All(report.Missing, name => Assert.StartsWith("heads.", name, StringComparison.Ordinal));
        Assert.NotEmpty(report.Missing);
        Assert.Contains(report.Unexpected, n => n.EndsWith("pooler.dense.weight", StringComparison.Ordinal));
        Assert.Contains(report.Unexpected, n => n.EndsWith("embeddings.position_ids", StringComparison.Ordinal));
        Assert.Empty(report.Upcycled);
        AssertSameEncoderOutput(source, target);
    }

    [Fact]
    public void Wrong_shapes_are_refused_and_leave_the_model_untouched()
    {
        using var source = TestModels.Build(TestModels.Tiny(moe: false), seed: 1);
        var path = WriteHfCheckpoint(source, withPrefix: true);
        using var target = TestModels.Build(TestModels.Tiny(moe: false) with { IntermediateSize = 48 }, seed: 2);
        var before = target.state_dict()["roberta.embeddings.word_embeddings.weight"].clone();
        var error = Assert.Throws<CheckpointShapeException>(() => HfCheckpointLoader.Load(target, path));
        Assert.Contains("intermediate.dense.weight", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Mismatches.Count); // per layer: intermediate weight and bias, output dense weight
        Assert.True(before.eq(target.state_dict()["roberta.embeddings.word_embeddings.weight"]).all().item<bool>());
        Assert.Throws<FileNotFoundException>(() => HfCheckpointLoader.Load(target, "/nonexistent/xlmr"));
    }

    [Fact]
    public void Upcycled_experts_reproduce_the_dense_layer_before_training()
    {
        using var dense = TestModels.Build(TestModels.Tiny(moe: false), seed: 1);
        var path = WriteHfCheckpoint(dense, withPrefix: true);
        // Capacity factor E: no token can overflow, so every token sees an exact copy of the dense FFN.
        using var moe = TestModels.Build(TestModels.Tiny(moe: true, capacityFactor: 4.0), seed: 2);
        var report = HfCheckpointLoader.Load(moe, path, upcycleNoise: 0);
        Assert.Equal(16, report.Upcycled.Count); // 4 experts × (2 weights + 2 biases) in the one MoE layer
        Assert.Contains("roberta.encoder.layer.1.moe.router.weight", report.Missing);
        AssertSameEncoderOutput(dense, moe);

        using var noisy = TestModels.Build(TestModels.Tiny(moe: true, capacityFactor: 4.0), seed: 2);
        HfCheckpointLoader.Load(noisy, path, upcycleNoise: 0.01);
        var expert0 = noisy.state_dict()["roberta.encoder.layer.1.moe.experts.0.intermediate.dense.weight"];
        var expert1 = noisy.state_dict()["roberta.encoder.layer.1.moe.experts.1.intermediate.dense.weight"];
        Assert.False(expert0.eq(expert1).all().item<bool>());
        AssertSameEncoderOutput(dense, noisy, atol: 0.05);
    }

    private static void AssertSameEncoderOutput(ModerationModel expected, ModerationModel actual, double atol = 1e-5)
    {
        var (ids, mask) = TestModels.Batch([5, 6, 7], [8, 9, 10, 11, 12]);
        // Real tokens only: an MoE layer leaves padding positions on the residual path, a dense one does not.
        using var real = mask.unsqueeze(-1).to(ScalarType.Float32);
        using var a = expected.Roberta.forward(ids, mask, null).Hidden * real;
        using var b = actual.Roberta.forward(ids, mask, null).Hidden * real;
        TestModels.AssertClose(a, b, atol);
    }

    /// <summary>An HF-style file: encoder tensors by HF name, plus a pooler and the position_ids buffer HF stores.</summary>
    private static string WriteHfCheckpoint(ModerationModel model, bool withPrefix)
    {
        var tensors = model.state_dict()
            .Where(kv => kv.Key.StartsWith("roberta.", StringComparison.Ordinal))
            .Select(kv => new KeyValuePair<string, Tensor>(withPrefix ? kv.Key : kv.Key["roberta.".Length..], kv.Value))
            .ToList();
        var prefix = withPrefix ? "roberta." : string.Empty;
        tensors.Add(new(prefix + "pooler.dense.weight", randn(32, 32)));
        tensors.Add(new(prefix + "embeddings.position_ids", arange(34L).unsqueeze(0)));
        var path = TestModels.TempFile("model.safetensors");
        SafetensorsFile.Save(path, tensors);
        return path;
    }
}
