using System.Text.Json.Nodes;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Training.Export;
using Moderation.Training.Model;
using Moderation.Training.Training;
using Onnx;

namespace Moderation.Training.Tests.Export;

/// <summary>
/// <c>moderation export</c> from a run directory: the bundle's files, manifest and labels; refusal of incomplete runs
/// (one-line error, exit 1) and of bundles with a wrong sha256 or a broken graph.
/// </summary>
public sealed class BundleExportTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    private const string RunId = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    [Fact]
    public void A_run_directory_exports_to_a_verified_bundle_with_the_runs_thresholds_and_metrics()
    {
        var run = WriteRun(withThresholds: true);
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 1, 3, 4, 5, TimeSpan.Zero));
        var bundle = BundleExporter.Export(run, fixture.NewDirectory("bundle"), clock: clock);

        Assert.Equal(["config.json", "labels.json", "manifest.json", "model.onnx", "probe.json", "tokenizer.model"], Directory.GetFiles(bundle.Directory).Select(Path.GetFileName).Order());
        var manifest = BundleManifest.FromJson(File.ReadAllText(Path.Combine(bundle.Directory, BundleFiles.Manifest)));
        Assert.Equal("a1b2c3d4-20261201030405", manifest.BundleVersion);
        Assert.Equal(RunId, manifest.RunId);
        foreach (var file in BundleFiles.Hashed.Append(BundleFiles.Probe))
        {
            Assert.Equal(FileDigest.Sha256(Path.Combine(bundle.Directory, file)), manifest.Files[file]);
        }

        Assert.Equal(File.ReadAllBytes(fixture.TokenizerPath), File.ReadAllBytes(bundle.TokenizerPath));
        Assert.Equal(32, manifest.Config["hidden_size"]!.GetValue<int>());
        Assert.Equal(0.91, manifest.ValidationMetrics["macroF1"]!.GetValue<double>());
        Assert.Equal(17, Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(bundle.ModelPath)).OpsetImport.Single().Version);

        var labels = BundleLabels.FromJson(File.ReadAllText(Path.Combine(bundle.Directory, BundleFiles.Labels)));
        Assert.Equal(ExportFixture.FamilyNames, labels.Families);
        Assert.Equal(ExportFixture.CategoryNames, labels.Categories);
        Assert.Equal(new CategoryThreshold(0.61, 0.38), labels.Thresholds["abuse"]);
        Assert.Equal(CategoryThreshold.Default, labels.Thresholds["spam"]);    // not in thresholds.json
        Assert.Equal(32, labels.MaxTokens);

        using var session = new InferenceSession(bundle.ModelPath);
        Assert.Equal(["input_ids", "attention_mask"], session.InputMetadata.Keys);
        Assert.Equal(["family_logits", "category_logits"], session.OutputMetadata.Keys);
        Assert.Equal([-1, -1], session.InputMetadata["input_ids"].Dimensions);
        Assert.Equal([-1, ExportFixture.CategoryNames.Count], session.OutputMetadata["category_logits"].Dimensions);
    }

    [Fact]
    public void The_bundle_carries_a_hugging_face_config_json_guarded_by_the_manifest()
    {
        var bundle = BundleExporter.Export(WriteRun(withThresholds: false), fixture.NewDirectory("bundle"));
        var path = Path.Combine(bundle.Directory, BundleFiles.Config);
        Assert.Equal(FileDigest.Sha256(path), bundle.Manifest.Files[BundleFiles.Config]);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        Assert.Equal("xlm-roberta", json["model_type"]!.GetValue<string>());
        Assert.Equal(["ModerationModel"], json["architectures"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal((3, 4, 34, 64), (json["num_hidden_layers"]!.GetValue<int>(), json["num_attention_heads"]!.GetValue<int>(), json["max_position_embeddings"]!.GetValue<int>(), json["intermediate_size"]!.GetValue<int>()));
        Assert.Equal(4, json["moe"]!["num_experts"]!.GetValue<int>());
        Assert.Equal(2, json["lora"]!["rank"]!.GetValue<int>());
        Assert.Equal(ExportFixture.CategoryNames.Count, json["num_categories"]!.GetValue<int>());

        // The file reads back into the exported model's config.
        Assert.Equal(RunConfig(), XlmrConfig.FromJson(File.ReadAllText(path)));

        File.Delete(path);
        Assert.Contains("lacks config.json", Assert.Throws<InvalidBundleException>(() => BundleVerifier.Verify(bundle.Directory)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_thresholds_json_every_category_gets_the_default_reject_and_hold()
    {
        var bundle = BundleExporter.Export(WriteRun(withThresholds: false), fixture.NewDirectory("bundle"));
        Assert.All(bundle.Labels.Thresholds.Values, t => Assert.Equal(new CategoryThreshold(0.5, 0.35), t));
        Assert.Empty(bundle.Manifest.ValidationMetrics);
    }

    [Fact]
    public void Validation_metrics_in_run_json_are_preferred_over_eval_reports()
    {
        var run = WriteRun(withThresholds: true);
        var runFile = Path.Combine(run, RunDirectory.RunFile);
        var json = JsonNode.Parse(File.ReadAllText(runFile))!.AsObject();
        json["validation"] = new JsonObject { ["step"] = 8, ["loss"] = 0.42 };
        File.WriteAllText(runFile, json.ToJsonString());
        var bundle = BundleExporter.Export(run, fixture.NewDirectory("bundle"));
        Assert.Equal(0.42, bundle.Manifest.ValidationMetrics["loss"]!.GetValue<double>());
        Assert.False(bundle.Manifest.ValidationMetrics.ContainsKey("macroF1"));
    }

    [Theory]
    [InlineData("model.safetensors")]
    [InlineData("tokenizer.model")]
    [InlineData("labels.json")]
    [InlineData("run.json")]
    public void The_command_refuses_a_run_without_a_required_file_with_one_line_and_exit_1(string missing)
    {
        var run = WriteRun(withThresholds: false);
        File.Delete(Path.Combine(run, missing));
        var output = fixture.NewDirectory("bundle");
        var (code, error) = Invoke("export", "--run", run, "--out", output);
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(missing, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("thresholds.json", """{"categories": {"abuse": {"reject": 0.3, "hold": 0.6}}}""", "needs 0 ≤ hold ≤ reject ≤ 1")]
    [InlineData("thresholds.json", """{"categories": {"abuse": {"reject": "high"}}}""", "numeric 'reject' and 'hold'")]
    [InlineData("run.json", """{"runId": 42}""", "has no runId")]
    [InlineData("labels.json", """{"families": ["germanic"], "categories": []}""", "non-empty 'categories'")]
    [InlineData("labels.json", """{"families": ["germanic"], "categories": ["abuse"]}""", "lists 1 families and 1 categories but the model has")]
    [InlineData("run.json", "{not json", "run.json in")]
    public void The_command_refuses_an_inconsistent_run_with_one_line_and_exit_1(string file, string content, string expected)
    {
        var run = WriteRun(withThresholds: false);
        File.WriteAllText(Path.Combine(run, file), content);
        var (code, error) = Invoke("export", "--run", run, "--out", fixture.NewDirectory("bundle"));
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_refuses_an_opset_without_LayerNormalization_with_one_line_and_exit_1()
    {
        var output = fixture.NewDirectory("bundle");
        var (code, error) = Invoke("export", "--run", WriteRun(withThresholds: false), "--out", output, "--opset", "16");
        Assert.Equal(1, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("opset must be between 17 and 22", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(fixture.Directory, ".bundle-*staging*"));
    }

    [Fact]
    public void The_command_writes_a_bundle_and_refuses_a_non_empty_output_directory()
    {
        var run = WriteRun(withThresholds: true);
        var output = fixture.NewDirectory("bundle");
        Assert.Equal(0, Invoke("export", "--run", run, "--out", output).Code);
        BundleVerifier.Verify(output);

        var (code, error) = Invoke("export", "--run", run, "--out", output);
        Assert.Equal(1, code);
        Assert.Contains("not empty", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_whose_file_does_not_match_its_sha256_is_refused()
    {
        var bundle = BundleExporter.Export(WriteRun(withThresholds: false), fixture.NewDirectory("bundle"));
        var bytes = File.ReadAllBytes(bundle.ModelPath);
        bytes[^1] ^= 0x5A;
        File.WriteAllBytes(bundle.ModelPath, bytes);
        var error = Assert.Throws<InvalidBundleException>(() => BundleVerifier.Verify(bundle.Directory));
        Assert.StartsWith("model.onnx: sha256 mismatch", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_probe_json_holds_the_models_logits_for_each_text_and_is_guarded_by_the_manifest()
    {
        var bundle = BundleExporter.Export(WriteRun(withThresholds: false), fixture.NewDirectory("bundle"));
        var probePath = Path.Combine(bundle.Directory, BundleFiles.Probe);
        var probe = JsonNode.Parse(File.ReadAllText(probePath))!;
        Assert.Equal(ProbeFile.Texts.Count, probe["texts"]!.AsArray().Count);
        Assert.All(probe["familyLogits"]!.AsArray(), row => Assert.Equal(ExportFixture.FamilyNames.Count, row!.AsArray().Count));
        Assert.All(probe["categoryLogits"]!.AsArray(), row => Assert.Equal(ExportFixture.CategoryNames.Count, row!.AsArray().Count));

        // ONNX Runtime on the bundle's graph reproduces the shipped logits text by text.
        var tokenizer = Moderation.Text.XlmrTokenizer.Load(bundle.TokenizerPath);
        using (var session = new InferenceSession(bundle.ModelPath))
        {
            for (var t = 0; t < ProbeFile.Texts.Count; t++)
            {
                var ids = tokenizer.Encode(Moderation.Text.TextNormalizer.Normalize(ProbeFile.Texts[t]), bundle.Labels.MaxTokens).Ids.Select(i => (long)i).ToArray();
                using var results = session.Run(
                [
                    NamedOnnxValue.CreateFromTensor("input_ids", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(ids, [1, ids.Length])),
                    NamedOnnxValue.CreateFromTensor("attention_mask", new Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<long>(Enumerable.Repeat(1L, ids.Length).ToArray(), [1, ids.Length])),
                ]);
                var family = results.Single(r => r.Name == "family_logits").AsTensor<float>().ToArray();
                var shipped = probe["familyLogits"]![t]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
                Assert.All(family.Zip(shipped), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-4));
            }
        }

        File.AppendAllText(probePath, " ");
        Assert.StartsWith("probe.json: sha256 mismatch", Assert.Throws<InvalidBundleException>(() => BundleVerifier.Verify(bundle.Directory)).Message, StringComparison.Ordinal);
        File.Delete(probePath);
        Assert.Contains("lacks probe.json", Assert.Throws<InvalidBundleException>(() => BundleVerifier.Verify(bundle.Directory)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_with_a_broken_graph_is_refused_even_when_its_manifest_hashes_match()
    {
        var bundle = BundleExporter.Export(WriteRun(withThresholds: false), fixture.NewDirectory("bundle"));
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(bundle.ModelPath));
        var removed = model.Graph.Node.First(n => n.OpType == "Softmax");
        model.Graph.Node.Remove(removed);                    // its consumer now reads a value nothing produces
        File.WriteAllBytes(bundle.ModelPath, model.ToByteArray());
        Rehash(bundle.Directory);

        var error = Assert.Throws<InvalidBundleException>(() => BundleVerifier.Verify(bundle.Directory));
        Assert.Contains($"reads '{removed.Output[0]}'", error.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<OnnxRuntimeException>(() => new InferenceSession(bundle.ModelPath).Dispose());

        File.WriteAllBytes(bundle.ModelPath, [0x08, 0x07, 0x12, 0xFF, 0x01]);
        Rehash(bundle.Directory);
        var garbage = Assert.Throws<InvalidBundleException>(() => BundleVerifier.Verify(bundle.Directory));
        Assert.StartsWith("model.onnx is not an ONNX model", garbage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bundle_whose_graph_outputs_do_not_match_its_labels_is_refused()
    {
        var bundle = BundleExporter.Export(WriteRun(withThresholds: false), fixture.NewDirectory("bundle"));
        var labelsPath = Path.Combine(bundle.Directory, BundleFiles.Labels);
        var labels = bundle.Labels with { Categories = [.. bundle.Labels.Categories.Take(4)] };
        File.WriteAllText(labelsPath, labels.ToJson());
        Rehash(bundle.Directory);
        var error = Assert.Throws<InvalidBundleException>(() => BundleVerifier.Verify(bundle.Directory));
        Assert.Contains("'category_logits' has 5 columns but labels.json lists 4", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A run directory as `moderation train` writes it (contract in training/Moderation.Training/README.md, "Run directory"), with a LoRA model.</summary>
    private string WriteRun(bool withThresholds)
    {
        var dir = fixture.NewDirectory("run");
        Directory.CreateDirectory(dir);
        var config = RunConfig();
        using (var model = TestModels.Build(config))
        {
            model.Save(Path.Combine(dir, RunDirectory.ModelFile));
        }

        File.WriteAllText(Path.Combine(dir, RunDirectory.ConfigFile), config.ToJson());
        File.Copy(fixture.TokenizerPath, Path.Combine(dir, RunDirectory.TokenizerFile));
        File.WriteAllText(Path.Combine(dir, RunDirectory.RunFile), new JsonObject { ["runId"] = RunId, ["status"] = "FINISHED", ["step"] = 10, ["bestStep"] = 8 }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, RunDirectory.LabelsFile), new JsonObject
        {
            ["families"] = new JsonArray([.. ExportFixture.FamilyNames.Select(f => (JsonNode)f)]),
            ["categories"] = new JsonArray([.. ExportFixture.CategoryNames.Select(c => (JsonNode)c)]),
        }.ToJsonString());
        if (withThresholds)
        {
            File.WriteAllText(Path.Combine(dir, RunDirectory.ThresholdsFile),
                """{"targetPrecision": 0.8, "categories": {"abuse": {"reject": 0.61, "hold": 0.38}, "scam": {"reject": 0.7, "hold": 0.4}}, "inappropriate": {"reject": 0.6, "hold": 0.3}}""");
            var eval = Path.Combine(dir, "eval", "validation");
            Directory.CreateDirectory(eval);
            File.WriteAllText(Path.Combine(eval, "metrics.json"), """{"macroF1": 0.91, "familyAccuracy": 0.88}""");
        }

        return dir;
    }

    private XlmrConfig RunConfig() => fixture.Config(new MoeConfig { NumExperts = 4, TopK = 2 }, new LoraConfig { Rank = 2, Alpha = 4, Dropout = 0 });

    private static void Rehash(string bundle)
    {
        var path = Path.Combine(bundle, BundleFiles.Manifest);
        var manifest = BundleManifest.FromJson(File.ReadAllText(path));
        File.WriteAllText(path, (manifest with { Files = BundleFiles.HashedIn(bundle).ToDictionary(f => f, f => FileDigest.Sha256(Path.Combine(bundle, f))) }).ToJson());
    }

    private static (int Code, string Error) Invoke(params string[] args) => CliRun.Invoke([ExportCommand.Create()], args);

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
