using Moderation.Training.Export;
using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Export;

/// <summary>
/// ONNX Runtime on the exported graph against TorchSharp (eval mode, fp32) on a padded batch of texts in seven
/// languages tokenised by XlmrTokenizer: equal within 1e-4, for dense and MoE (top-1, top-2, with capacity drops),
/// with and without LoRA, with the category head on &lt;s&gt; or on the mean and max of all tokens.
/// </summary>
public sealed class OnnxParityTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases { get; } =
        ["dense", "dense+lora", "moe-top1", "moe-top1+lora", "moe-top2", "moe-top2+lora", "moe-top1-drops", "moe-top2-drops+lora", "moe-top2-drops+lora@opset21",
        "dense+mean-max", "moe-top2-drops+lora+mean-max", "moe-top1+mean-max@opset21"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Onnx_runtime_outputs_equal_TorchSharp_within_1e_4(string name)
    {
        var (moe, lora, pooling, opset) = ParityCase.Parse(name);
        using var model = TestModels.Build(fixture.Config(moe, lora) with { CategoryPooling = pooling });
        Randomise(model, lora is not null);

        var maxTokens = model.Config.MaxSequenceLength;
        var (ids, mask) = fixture.EncodeTensors(maxTokens);
        using var expected = model.forward(ids, mask, null);
        if (moe is not null)
        {
            // Capacity factor 0.5: each expert keeps at most n/8 (top-1) or n/4 (top-2) slots. 4.0 (= E): C ≥ k·n, nothing drops.
            Assert.All(expected.Routing, r => Assert.Equal(moe.CapacityFactor < 1, r.DroppedFraction > 0));
            Assert.All(expected.Routing, r => Assert.True(r.TokensPerExpert.Count(n => n > 0) > 1, "routing should use several experts"));
        }

        var bundle = fixture.Export(model, name, opset);

        var (idArray, maskArray, rows, width) = fixture.Encode(maxTokens);
        Assert.Contains(0, maskArray);                                    // the batch is padded
        Assert.Equal(maxTokens, width);                                   // and the longest row was truncated
        var (family, categories) = OnnxRun.Run(bundle.ModelPath, idArray, maskArray, rows, width);
        AssertClose(expected.FamilyLogits, family);
        AssertClose(expected.CategoryLogits, categories);

        // Export merged a copy: the model still computes with its adapters unmerged.
        Assert.DoesNotContain(model.modules().OfType<LoraLinear>(), l => l.Merged);
        using var again = model.forward(ids, mask, null);
        TestModels.AssertClose(expected.FamilyLogits, again.FamilyLogits, 0);
    }

    [Fact]
    public void A_dense_model_gives_each_text_the_same_logits_alone_as_in_a_padded_batch()
    {
        using var model = TestModels.Build(fixture.Config());
        Randomise(model, lora: false);
        var path = Path.Combine(fixture.Directory, $"dense-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Write(model, path);
        var maxTokens = model.Config.MaxSequenceLength;
        var (ids, mask, rows, width) = fixture.Encode(maxTokens);
        var (batchFamily, _) = OnnxRun.Run(path, ids, mask, rows, width);
        var families = model.Config.NumFamilies;
        for (var r = 0; r < rows; r++)
        {
            var length = (int)mask.Skip(r * width).Take(width).Sum();
            var (alone, _) = OnnxRun.Run(path, ids.Skip(r * width).Take(length).ToArray(), Enumerable.Repeat(1L, length).ToArray(), 1, length);
            var inBatch = batchFamily.Skip(r * families).Take(families).ToArray();
            Assert.True(MaxDifference(inBatch, alone) <= 1e-5, $"row {r}: alone and batched logits differ by {MaxDifference(inBatch, alone)}");
        }
    }

    [Fact]
    public void Experts_that_receive_no_token_are_exported_as_empty_dispatches()
    {
        using var model = TestModels.Build(fixture.Config(new MoeConfig { NumExperts = 8, TopK = 1, CapacityFactor = 8 }));
        Randomise(model, lora: false);
        var ids = fixture.Tokenizer.Encode("ok", model.Config.MaxSequenceLength).Ids.Select(i => (long)i).ToArray();
        var mask = Enumerable.Repeat(1L, ids.Length).ToArray();
        using var expected = model.forward(tensor(ids, [1, ids.Length]), tensor(mask, [1, ids.Length]), null);
        Assert.All(expected.Routing, r => Assert.Contains(0L, r.TokensPerExpert));
        var path = Path.Combine(fixture.Directory, $"sparse-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Write(model, path);
        var (family, categories) = OnnxRun.Run(path, ids, mask, 1, ids.Length);
        Assert.True(MaxDifference(expected.FamilyLogits.data<float>().ToArray(), family) <= Tolerance);
        Assert.True(MaxDifference(expected.CategoryLogits.data<float>().ToArray(), categories) <= Tolerance);
    }

    [Fact]
    public void The_export_parity_probe_measures_a_graph_that_is_not_the_models()
    {
        using var model = TestModels.Build(fixture.Config(new MoeConfig { NumExperts = 4, TopK = 2 }));
        using var other = TestModels.Build(fixture.Config(new MoeConfig { NumExperts = 4, TopK = 2 }), seed: 8);
        var path = Path.Combine(fixture.Directory, $"probe-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Write(model, path);
        Assert.True(ParityProbe.MaxDifference(model, path, fixture.TokenizerPath) <= ParityProbe.Tolerance);
        Assert.True(ParityProbe.MaxDifference(other, path, fixture.TokenizerPath) > 100 * ParityProbe.Tolerance);
    }

    [Fact]
    public void Export_refuses_a_tokenizer_with_more_ids_than_the_models_vocabulary()
    {
        using var model = TestModels.Build(fixture.Config() with { VocabSize = 100 });
        var error = Assert.Throws<Moderation.Bundles.InvalidBundleException>(() => fixture.Export(model, "mismatch"));
        Assert.Contains("do not belong together", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_a_model_whose_adapters_are_not_merged()
    {
        using var model = TestModels.Build(fixture.Config(lora: ParityCase.Adapter));
        var error = Assert.Throws<InvalidOperationException>(() => OnnxExporter.Build(model));
        Assert.Contains("MergeLora", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_an_opset_without_LayerNormalization()
    {
        using var model = TestModels.Build(fixture.Config());
        Assert.Throws<ArgumentOutOfRangeException>(() => OnnxExporter.Build(model, opset: 16));
    }

    /// <summary>Weights far from their initial values, so that a wrong operator shows: larger router logits (varied routing), non-zero LoRA B.</summary>
    private static void Randomise(ModerationModel model, bool lora)
    {
        using (no_grad())
        {
            foreach (var (name, p) in model.named_parameters())
            {
                if (name.Contains(".moe.router.", StringComparison.Ordinal))
                {
                    p.normal_(0, 1.0);
                }
                else if (lora && (name.Contains(".lora_A.", StringComparison.Ordinal) || name.Contains(".lora_B.", StringComparison.Ordinal)))
                {
                    p.normal_(0, 0.2);
                }
                else if (name.EndsWith(".bias", StringComparison.Ordinal) || name.Contains("LayerNorm", StringComparison.Ordinal))
                {
                    p.add_(randn_like(p) * 0.1);
                }
            }
        }
    }

    private static void AssertClose(Tensor expected, float[] actual)
    {
        var reference = expected.detach().cpu().contiguous().data<float>().ToArray();
        Assert.Equal(reference.Length, actual.Length);
        var diff = MaxDifference(reference, actual);
        Assert.True(diff <= Tolerance, $"max |TorchSharp − ONNX Runtime| = {diff} > {Tolerance}");
        Assert.True(reference.Distinct().Count() > reference.Length / 2, "logits should vary across rows and labels");
    }

    private static double MaxDifference(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs((double)x - y)).Max();
}
