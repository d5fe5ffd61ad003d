using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Moderation.Training.Model;
using Moderation.Training.Native;
using static TorchSharp.torch;

namespace Moderation.Training.Checkpoints;

/// <summary>
/// Loads a Hugging Face XLM-R checkpoint (<c>model.safetensors</c>, or shards listed in
/// <c>model.safetensors.index.json</c>) into a <see cref="ModerationModel"/> by parameter name.
/// Accepts names with and without the <c>roberta.</c> prefix (XLMRobertaForX vs XLMRobertaModel).
/// A dense FFN that lands on an MoE layer is upcycled: copied into every expert, plus noise of
/// <see cref="MoeConfig.UpcycleNoise"/> × the weight's standard deviation. All shapes are checked
/// before anything is copied; any mismatch throws <see cref="CheckpointShapeException"/>.
/// </summary>
public static partial class HfCheckpointLoader
{
    public static CheckpointLoadReport Load(ModerationModel model, string path, double? upcycleNoise = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        TorchNativeLoader.EnsureLoaded();
        var files = ResolveFiles(path);
        var opened = files.Select(SafetensorsFile.Open).ToList();
        try
        {
            return LoadFrom(model, opened, upcycleNoise ?? model.Config.Moe.UpcycleNoise);
        }
        finally
        {
            opened.ForEach(f => f.Dispose());
        }
    }

    /// <summary>A directory (model.safetensors or a sharded index) or a .safetensors file.</summary>
    public static IReadOnlyList<string> ResolveFiles(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"base model not found: {path} (expected a directory with model.safetensors or a .safetensors file)", path);
        }

        var single = Path.Combine(path, "model.safetensors");
        if (File.Exists(single))
        {
            return [single];
        }

        var index = Path.Combine(path, "model.safetensors.index.json");
        if (File.Exists(index))
        {
            var map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"]?.AsObject()
                ?? throw new InvalidDataException($"{index} has no weight_map");
            return map.Select(kv => Path.Combine(path, kv.Value!.GetValue<string>())).Distinct().ToArray();
        }

        throw new FileNotFoundException($"{path} has neither model.safetensors nor model.safetensors.index.json (only safetensors checkpoints are read; convert pytorch_model.bin first)", single);
    }

    private static CheckpointLoadReport LoadFrom(ModerationModel model, IReadOnlyList<SafetensorsFile> files, double noise)
    {
        var state = model.state_dict();
        var plan = new List<(SafetensorsFile File, string Source, string Target, bool Upcycled)>();
        var unexpected = new List<string>();
        var mismatches = new List<string>();
        foreach (var file in files)
        {
            foreach (var source in file.Names)
            {
                var name = Normalise(source);
                var targets = state.ContainsKey(name) ? [name] : UpcycleTargets(name, state);
                if (targets.Count == 0)
                {
                    unexpected.Add(source);
                    continue;
                }

                foreach (var target in targets)
                {
                    var fileShape = file.Entries[source].Shape;
                    if (!fileShape.SequenceEqual(state[target].shape))
                    {
                        mismatches.Add($"{source}: checkpoint [{string.Join(", ", fileShape)}] vs model {target} [{string.Join(", ", state[target].shape)}]");
                    }

                    plan.Add((file, source, target, target != name));
                }
            }
        }

        if (mismatches.Count > 0)
        {
            throw new CheckpointShapeException(mismatches);
        }

        using (no_grad())
        {
            foreach (var group in plan.GroupBy(p => (p.File, p.Source)))
            {
                using var value = group.Key.File.Read(group.Key.Source);
                foreach (var item in group)
                {
                    state[item.Target].copy_(value);
                    if (item.Upcycled && noise > 0 && value.numel() > 1)
                    {
                        using var jitter = randn_like(value) * (value.std().item<float>() * noise);
                        state[item.Target].add_(jitter);
                    }
                }
            }
        }

        var loaded = plan.Select(p => p.Target).ToHashSet(StringComparer.Ordinal);
        var missing = state.Keys.Where(k => !loaded.Contains(k)).ToArray();
        return new CheckpointLoadReport(
            loaded.Count,
            missing,
            unexpected,
            plan.Where(p => p.Upcycled).Select(p => p.Target).ToArray());
    }

    private static string Normalise(string name) =>
        name.StartsWith("embeddings.", StringComparison.Ordinal) || name.StartsWith("encoder.", StringComparison.Ordinal)
            ? "roberta." + name
            : name;

    /// <summary><c>layer.N.intermediate.dense.*</c> / <c>layer.N.output.dense.*</c> → every <c>layer.N.moe.experts.E.…</c>.</summary>
    private static List<string> UpcycleTargets(string name, IReadOnlyDictionary<string, Tensor> state)
    {
        var match = DenseFfn().Match(name);
        if (!match.Success)
        {
            return [];
        }

        var prefix = $"roberta.encoder.layer.{match.Groups["layer"].Value}.moe.experts.";
        var suffix = $".{match.Groups["part"].Value}.dense.{match.Groups["param"].Value}";
        return state.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.EndsWith(suffix, StringComparison.Ordinal)
            && int.TryParse(k.AsSpan(prefix.Length, k.Length - prefix.Length - suffix.Length), out _)).ToList();
    }

    [GeneratedRegex(@"^roberta\.encoder\.layer\.(?<layer>\d+)\.(?<part>intermediate|output)\.dense\.(?<param>weight|bias)$")]
    private static partial Regex DenseFfn();
}
