using System.Text.Json.Nodes;
using Moderation.Bundles;
using Moderation.Taxonomy;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Export;

/// <summary>
/// Turns a trained model into a model bundle: merges LoRA (into a copy), writes model.onnx, copies the tokenizer,
/// writes labels.json (the run's thresholds, or the defaults, for every category), config.json (<see cref="HfConfigFile"/>), probe.json (<see cref="ProbeFile"/>) and manifest.json (sha256 of each
/// file), after checking the graph against the model on a probe batch (<see cref="ParityProbe"/>). The bundle is assembled in a staging folder beside the output and moved into place only after it
/// verifies, so a folder watcher never sees half a bundle.
/// </summary>
public static class BundleExporter
{
    /// <summary>Exports the run directory written by <c>moderation train</c>.</summary>
    public static ModelBundle Export(string runDirectory, string outDirectory, int opset = OnnxExporter.DefaultOpset, Action<string>? progress = null, TimeProvider? clock = null)
    {
        RequireEmpty(outDirectory);
        var run = RunDirectory.Open(runDirectory);
        progress?.Invoke($"loading {run.ModelPath}");
        using var model = LoadModel(run.ModelPath);
        var source = new BundleSource
        {
            Model = model,
            TokenizerPath = run.TokenizerPath,
            Families = run.Families,
            Categories = run.Categories,
            RunId = run.RunId,
            Thresholds = run.Thresholds,
            ValidationMetrics = run.ValidationMetrics,
        };
        return Export(source, outDirectory, opset, progress, clock);
    }

    /// <summary>Exports a model held in memory; the model itself is left unchanged (LoRA is merged into a copy).</summary>
    public static ModelBundle Export(BundleSource source, string outDirectory, int opset = OnnxExporter.DefaultOpset, Action<string>? progress = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var report = progress ?? (_ => { });
        var target = RequireEmpty(outDirectory);
        var config = source.Model.Config;
        if (config.NumFamilies != source.Families.Count || config.NumCategories != source.Categories.Count)
        {
            throw new RunDirectoryException($"labels.json lists {source.Families.Count} families and {source.Categories.Count} categories but the model has {config.NumFamilies} and {config.NumCategories} outputs");
        }

        if (!File.Exists(source.TokenizerPath))
        {
            throw new RunDirectoryException($"tokenizer '{source.TokenizerPath}' does not exist");
        }

        var labels = new BundleLabels
        {
            Families = source.Families,
            Categories = source.Categories,
            Thresholds = source.Categories.ToDictionary(c => c, c => source.Thresholds?.GetValueOrDefault(c) ?? CategoryThreshold.Default),
            MaxTokens = config.MaxSequenceLength,
            CharNgramBuckets = config.CharNgrams?.Buckets,
        };
        if (labels.Problem() is { } problem)
        {
            throw new RunDirectoryException($"{RunDirectory.ThresholdsFile}: {problem}");
        }

        var parent = Path.GetDirectoryName(target) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            report("merging LoRA and writing model.onnx");
            var graphPath = Path.Combine(staging, BundleFiles.Model);
            WriteGraph(source.Model, graphPath, staging, opset);
            report("checking ONNX Runtime against TorchSharp on a probe batch");
            var difference = ParityProbe.MaxDifference(source.Model, graphPath, source.TokenizerPath);
            if (!(difference <= ParityProbe.Tolerance))
            {
                throw new InvalidBundleException($"the exported graph does not reproduce the model: max |TorchSharp − ONNX Runtime| = {difference:E2} > {ParityProbe.Tolerance:E0} on the probe batch");
            }

            report($"parity probe: max |TorchSharp − ONNX Runtime| = {difference:E2}");
            File.Copy(source.TokenizerPath, Path.Combine(staging, BundleFiles.Tokenizer));
            File.WriteAllText(Path.Combine(staging, BundleFiles.Labels), labels.ToJson());
            HfConfigFile.Write(config, Path.Combine(staging, BundleFiles.Config));
            report("writing probe.json (TorchSharp's logits for the service's load check)");
            ProbeFile.Write(source.Model, source.TokenizerPath, labels.MaxTokens, Path.Combine(staging, BundleFiles.Probe));
            report("hashing files");
            var createdAt = (clock ?? TimeProvider.System).GetUtcNow();
            var manifest = new BundleManifest
            {
                BundleVersion = BundleManifest.VersionFor(source.RunId, createdAt),
                CreatedAt = createdAt,
                RunId = source.RunId,
                Files = BundleFiles.HashedIn(staging).ToDictionary(f => f, f => FileDigest.Sha256(Path.Combine(staging, f))),
                Config = (JsonNode.Parse(config.ToJson()) as JsonObject)!,
                ValidationMetrics = source.ValidationMetrics.DeepClone().AsObject(),
            };
            File.WriteAllText(Path.Combine(staging, BundleFiles.Manifest), manifest.ToJson());
            report("verifying the bundle");
            BundleVerifier.Verify(staging);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return BundleVerifier.Verify(target);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>Exports in eval mode; a model with unmerged adapters is copied (save and load) and the copy merged.</summary>
    private static void WriteGraph(ModerationModel model, string path, string scratch, int opset)
    {
        var wasTraining = model.training;
        model.eval();
        try
        {
            if (!model.modules().OfType<LoraLinear>().Any(l => l.HasAdapter && !l.Merged))
            {
                OnnxExporter.Write(model, path, opset);
                return;
            }

            var copyPath = Path.Combine(scratch, "unmerged.safetensors");
            model.Save(copyPath);
            using (var copy = ModerationModel.Load(copyPath))
            {
                copy.eval();
                copy.MergeLora();
                OnnxExporter.Write(copy, path, opset);
            }

            File.Delete(copyPath);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static string RequireEmpty(string outDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outDirectory);
        var target = Path.GetFullPath(outDirectory);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new RunDirectoryException($"output directory '{target}' is not empty; export into a new directory");
        }

        return target;
    }

    private static ModerationModel LoadModel(string path)
    {
        try
        {
            return ModerationModel.Load(path);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            throw new RunDirectoryException($"{path}: {e.Message}", e);
        }
    }
}
