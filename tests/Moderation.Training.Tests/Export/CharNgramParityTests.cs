using Microsoft.ML.OnnxRuntime;
using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Export;
using Moderation.Training.Model;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Export;

/// <summary>
/// The n-gram branch exported as the graph's second input (<c>char_ngram_ids</c>, <c>char_ngram_mask</c>): ONNX Runtime
/// equals TorchSharp within 1e-4 on the padded multi-script batch, and the bundle says it takes n-grams.
/// </summary>
public sealed class CharNgramParityTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases { get; } = ["dense", "moe-top2-drops+lora+mean-max", "moe-top1@opset21"];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Onnx_runtime_outputs_equal_TorchSharp_within_1e_4_with_the_ngram_branch(string name)
    {
        var (moe, lora, pooling, opset) = ParityCase.Parse(name);
        var config = fixture.Config(moe, lora) with
        {
            CategoryPooling = pooling,
            CharNgrams = new CharNgramConfig { Buckets = 257, Dimension = 8 },
        };
        using var model = TestModels.Build(config);
        using (no_grad())
        {
            // Rows far from their fastText-sized initialisation, so that a wrong bag shows in the logits.
            model.state_dict()["heads.ngrams.weight"].normal_(0, 1);
            foreach (var (n, p) in model.named_parameters().Where(p => p.name.Contains("lora_B", StringComparison.Ordinal)))
            {
                p.normal_(0, 0.2);
            }
        }

        var maxTokens = model.Config.MaxSequenceLength;
        var (idArray, maskArray, rows, width) = fixture.Encode(maxTokens);
        var tokenRows = Enumerable.Range(0, rows).Select(r => idArray.Skip(r * width).Take(width).Where((_, i) => maskArray[(r * width) + i] == 1).Select(i => (int)i).ToArray()).ToArray();
        using var ngrams = NgramSource.For(model.Config, fixture.Tokenizer)!.Batch(tokenRows);
        Assert.Contains(0L, ngrams.MaskValues);                               // n-grams are padded too
        Assert.Contains(tokenRows, r => r.Length == 2);                       // and one row ("   ") has none
        using var expected = model.forward(tensor(idArray, [rows, width]), tensor(maskArray, [rows, width]), null, ngrams);

        var bundle = fixture.Export(model, "ngrams-" + name, opset);
        Assert.Equal(257, bundle.Labels.CharNgramBuckets);

        var (family, categories) = OnnxRun.Run(bundle.ModelPath, idArray, maskArray, rows, width, (ngrams.IdValues, ngrams.MaskValues, ngrams.Width));
        AssertClose(expected.FamilyLogits, family);
        AssertClose(expected.CategoryLogits, categories);

        // Different n-grams, different logits: the graph reads its second input.
        var shifted = ngrams.IdValues.Select(i => (i + 1) % 257).ToArray();
        var (otherFamily, _) = OnnxRun.Run(bundle.ModelPath, idArray, maskArray, rows, width, (shifted, ngrams.MaskValues, ngrams.Width));
        Assert.True(family.Zip(otherFamily, (a, b) => Math.Abs(a - b)).Max() > 1e-3);
    }

    [Fact]
    public void A_model_without_the_branch_exports_the_two_input_graph_and_labels_without_buckets()
    {
        using var model = TestModels.Build(fixture.Config());
        var bundle = fixture.Export(model, "no-ngrams");
        Assert.Null(bundle.Labels.CharNgramBuckets);
        Assert.DoesNotContain("charNgramBuckets", File.ReadAllText(Path.Combine(bundle.Directory, BundleFiles.Labels)), StringComparison.Ordinal);
        using var session = new InferenceSession(bundle.ModelPath);
        Assert.Equal(["attention_mask", "input_ids"], session.InputMetadata.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_bundle_check_refuses_a_graph_and_labels_that_disagree_about_ngrams()
    {
        using var model = TestModels.Build(fixture.Config() with { CharNgrams = new CharNgramConfig { Buckets = 31, Dimension = 4 } });
        var path = Path.Combine(fixture.Directory, $"ngrams-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Write(model, path);
        var labels = new BundleLabels
        {
            Families = ExportFixture.FamilyNames,
            Categories = ExportFixture.CategoryNames,
            Thresholds = ExportFixture.CategoryNames.ToDictionary(c => c, _ => CategoryThreshold.Default),
            MaxTokens = model.Config.MaxSequenceLength,
        };
        var error = Assert.Throws<InvalidBundleException>(() => OnnxSignature.Check(path, labels));
        Assert.Contains("charNgramBuckets", error.Message, StringComparison.Ordinal);
        OnnxSignature.Check(path, labels with { CharNgramBuckets = 31 });

        using var plain = TestModels.Build(fixture.Config());
        var plainPath = Path.Combine(fixture.Directory, $"plain-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Write(plain, plainPath);
        Assert.Contains("char_ngram_ids", Assert.Throws<InvalidBundleException>(() => OnnxSignature.Check(plainPath, labels with { CharNgramBuckets = 31 })).Message, StringComparison.Ordinal);
    }

    private static void AssertClose(Tensor expected, float[] actual)
    {
        var reference = expected.detach().cpu().contiguous().data<float>().ToArray();
        Assert.Equal(reference.Length, actual.Length);
        var diff = reference.Zip(actual, (x, y) => Math.Abs((double)x - y)).Max();
        Assert.True(diff <= Tolerance, $"max |TorchSharp − ONNX Runtime| = {diff} > {Tolerance}");
    }
}
