using System.Text.Json;
using Moderation.Bundles;

namespace Moderation.Inference.Runtime;

/// <summary>
/// The probe a new bundle must pass before it serves: texts of several scripts and lengths (one longer than any
/// model reads). Shapes must match the labels, logits must be finite, each text scored alone must equal the batch
/// within <see cref="Tolerance"/>, and when the bundle ships <c>probe.json</c> ({texts, familyLogits,
/// categoryLogits} written by the exporter from TorchSharp) the logits must equal it within <see cref="Tolerance"/>.
/// </summary>
public static class ProbeSet
{
    public const float Tolerance = 1e-4f;

    /// <summary>Optional bundle file with expected logits for probe texts.</summary>
    public const string ProbeFile = BundleFiles.Probe;

    public static readonly IReadOnlyList<string> Texts =
    [
        "Great seller, fast delivery, would buy again!",
        "Продавец ответил быстро, спасибо.",
        "卖家回复很快，谢谢！",
        "   ",
        "Call me at +1 555 0100 or write to joe@example.com for a cheaper price",
        string.Join(' ', Enumerable.Repeat("lorem ipsum dolor sit amet", 200)),
    ];

    public static void Check(ModelRuntime runtime)
    {
        var shipped = ReadShipped(runtime.Bundle);
        var texts = shipped?.Texts ?? Texts;
        var rows = texts.Select(t => TextEncoder.Encode(runtime, t).Ids).ToList();
        var batch = runtime.Run(rows);
        for (var r = 0; r < rows.Count; r++)
        {
            RequireFinite(runtime, batch.Family(r));
            RequireFinite(runtime, batch.Category(r));
            // Routing capacity is per sequence, so a text scores the same alone as in any batch; a bundle
            // that does not is refused (the service promises batching never changes a verdict).
            var alone = runtime.Run([rows[r]]);
            RequireClose(runtime, $"text {r} alone vs in a batch", alone.Family(0), batch.Family(r));
            RequireClose(runtime, $"text {r} alone vs in a batch", alone.Category(0), batch.Category(r));
            if (shipped is not null)
            {
                RequireClose(runtime, $"text {r} vs probe.json", shipped.FamilyLogits[r], batch.Family(r));
                RequireClose(runtime, $"text {r} vs probe.json", shipped.CategoryLogits[r], batch.Category(r));
            }
        }
    }

    private static ShippedProbe? ReadShipped(ModelBundle bundle)
    {
        var path = Path.Combine(bundle.Directory, ProbeFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var probe = JsonSerializer.Deserialize<ShippedProbe>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
            if (probe is null || probe.Texts.Count == 0 || probe.FamilyLogits.Count != probe.Texts.Count || probe.CategoryLogits.Count != probe.Texts.Count)
            {
                throw new InvalidBundleException($"bundle '{bundle.Directory}': probe.json needs texts with one row of family and category logits each");
            }

            return probe;
        }
        catch (JsonException e)
        {
            throw new InvalidBundleException($"bundle '{bundle.Directory}': probe.json is not valid JSON: {e.Message}", e);
        }
    }

    private static float MaxDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var max = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs(a[i] - b[i]));
        }

        return max;
    }

    private static void RequireFinite(ModelRuntime runtime, ReadOnlySpan<float> values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                throw new InvalidBundleException($"bundle '{runtime.Bundle.Directory}': the probe batch produced non-finite logits");
            }
        }
    }

    private static void RequireClose(ModelRuntime runtime, string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new InvalidBundleException($"bundle '{runtime.Bundle.Directory}': probe {what}: {actual.Length} logits, expected {expected.Length}");
        }

        for (var i = 0; i < expected.Length; i++)
        {
            if (Math.Abs(expected[i] - actual[i]) > Tolerance)
            {
                throw new InvalidBundleException(
                    $"bundle '{runtime.Bundle.Directory}': probe {what}: logit {i} is {actual[i]}, expected {expected[i]} (tolerance {Tolerance})");
            }
        }
    }

    private sealed record ShippedProbe(List<string> Texts, List<float[]> FamilyLogits, List<float[]> CategoryLogits);
}
