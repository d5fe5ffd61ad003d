using System.Text.Json;
using Moderation.Datasets.Corpus;
using Moderation.Text;
using Moderation.Training.Model;
using Moderation.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Evaluation;

/// <summary>
/// The trained transformer as a predictor: loads a run directory, a checkpoint directory or a model.safetensors
/// (with tokenizer.model and labels.json beside it or in the run above a checkpoint) and runs it in eval mode.
/// Batches mix languages as the service's do (with capacity drops, a text's routing depends on its batch);
/// the per-row routing counts are summed per language. Each text is scored the way the service scores it: cut into
/// windows and sentences by <see cref="TextSegmenter"/> and combined by <see cref="SegmentScores"/>, so thresholds
/// chosen here hold in serving (<c>firstWindowOnly</c> scores the first window alone, as before whole-text verdicts).
/// </summary>
public sealed class TransformerPredictor : IPredictor, IDisposable
{
    private const int BatchSize = 128;
    private readonly ModerationModel model;
    private readonly XlmrTokenizer tokenizer;
    private readonly LabelsFile labels;
    private readonly SegmentationPolicy policy;
    private readonly NgramSource? ngrams;

    private TransformerPredictor(ModerationModel model, XlmrTokenizer tokenizer, LabelsFile labels, string name, string? runDirectory, bool firstWindowOnly, int? sentencesAbove)
    {
        this.model = model;
        this.tokenizer = tokenizer;
        this.labels = labels;
        ngrams = NgramSource.For(model.Config, tokenizer);
        var maxTokens = model.Config.MaxSequenceLength;
        policy = firstWindowOnly ? SegmentationPolicy.FirstWindowOnly(maxTokens) : new SegmentationPolicy(maxTokens) { SentenceThreshold = sentencesAbove };
        Name = name;
        RunDirectory = runDirectory;
    }

    public string Name { get; }

    /// <summary>The run the model belongs to (holds thresholds.json), when it could be found.</summary>
    public string? RunDirectory { get; }

    public static TransformerPredictor Load(string path, bool firstWindowOnly = false, int? sentencesAbove = null)
    {
        var modelFile = Directory.Exists(path) ? Path.Combine(path, Training.RunDirectory.ModelFile) : path;
        if (!File.Exists(modelFile))
        {
            throw new EvaluationException($"no model at '{path}': expected a run directory, a checkpoint directory or a model.safetensors file");
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(modelFile))!;
        // A checkpoint lives at RUN_DIR/checkpoints/step-N/: the run's tokenizer and labels are two levels up.
        var runDirectory = new[] { directory, Path.GetDirectoryName(Path.GetDirectoryName(directory)) }
            .FirstOrDefault(d => d is not null && File.Exists(Path.Combine(d, Training.RunDirectory.TokenizerFile)));
        if (runDirectory is null)
        {
            throw new EvaluationException($"no tokenizer.model beside {modelFile} or in the run directory above it");
        }

        var labelsPath = Path.Combine(runDirectory, Training.RunDirectory.LabelsFile);
        var labels = File.Exists(labelsPath) ? LabelsFile.Load(labelsPath) : LabelsFile.Default;
        ModerationModel model;
        try
        {
            model = ModerationModel.Load(modelFile);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            throw new EvaluationException($"cannot load {modelFile}: {e.Message}", e);
        }

        if (model.Config.NumFamilies != labels.Families.Count || model.Config.NumCategories != labels.Categories.Count)
        {
            throw new EvaluationException(
                $"{modelFile} has {model.Config.NumFamilies} family and {model.Config.NumCategories} category outputs but labels name {labels.Families.Count} and {labels.Categories.Count}");
        }

        model.eval();
        var tokenizer = XlmrTokenizer.Load(Path.Combine(runDirectory, Training.RunDirectory.TokenizerFile));
        return new TransformerPredictor(model, tokenizer, labels, Describe(runDirectory, model.Config) + (firstWindowOnly ? ", first window only" : sentencesAbove is { } n ? $", sentences above {n} tokens" : ""), runDirectory, firstWindowOnly, sentencesAbove);
    }

    public PredictionSet Predict(IReadOnlyList<CorpusRow> rows, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var segmented = rows.Select(r => TextSegmenter.Segment(tokenizer, TextNormalizer.Normalize(r.Text), policy).Rows).ToArray();
        // Every model row as (text, segment); scores land in per-text arrays and are combined when all are in.
        var segments = segmented.SelectMany((s, text) => s.Select((segment, k) => (Text: text, Index: k, Ids: segment.Ids))).ToArray();
        var familyScores = segmented.Select(s => new float[s.Count][]).ToArray();
        var categoryScores = segmented.Select(s => new float[s.Count][]).ToArray();
        var remaining = segmented.Select(s => s.Count).ToArray();
        var moeLayers = model.MoeLayers.ToArray();
        var routing = moeLayers.Length == 0 ? null : new ExpertRouting(moeLayers.Length, model.Config.Moe.NumExperts);
        var results = new PredictedRow[rows.Count];
        var done = 0;
        // Length-sorted batches keep padding small; a one-language batch would crowd one expert past capacity.
        var batches = Enumerable.Range(0, segments.Length).OrderBy(i => segments[i].Ids.Length).ThenBy(i => i).Chunk(BatchSize);
        var f = labels.Families.Count;
        var c = labels.Categories.Count;
        using (no_grad())
        {
            foreach (var batch in batches)
            {
                using var region = NoGcRegion.Enter();
                using var scope = NewDisposeScope();
                var (ids, mask) = Pad([.. batch.Select(i => segments[i].Ids)]);
                using var ngramBatch = ngrams?.Batch(batch.Select(i => segments[i].Ids));
                using var output = model.forward(ids, mask, null, ngramBatch);
                var family = output.FamilyLogits.softmax(1).to(ScalarType.Float32).data<float>().ToArray();
                var categories = output.CategoryLogits.sigmoid().to(ScalarType.Float32).data<float>().ToArray();
                for (var k = 0; k < batch.Length; k++)
                {
                    var (text, index, _) = segments[batch[k]];
                    familyScores[text][index] = family[(k * f)..((k + 1) * f)];
                    categoryScores[text][index] = categories[(k * c)..((k + 1) * c)];
                    if (--remaining[text] == 0)
                    {
                        var (familyProbabilities, categoryProbabilities) = SegmentScores.Combine(segmented[text], familyScores[text], categoryScores[text]);
                        results[text] = new PredictedRow(rows[text], familyProbabilities, categoryProbabilities);
                        done++;
                    }
                }

                routing?.AddRows([.. batch.Select(i => rows[segments[i].Text].Lang)], output.Routing);
                progress?.Report(done);
            }
        }

        return new PredictionSet(Name, labels.Families, labels.Categories, results, routing);
    }

    public void Dispose() => model.Dispose();

    /// <summary>[B, T] ids padded with &lt;pad&gt; and the matching attention mask.</summary>
    private static (Tensor Ids, Tensor Mask) Pad(int[][] batch)
    {
        var width = batch.Max(r => r.Length);
        var ids = new long[batch.Length * width];
        var mask = new long[batch.Length * width];
        Array.Fill(ids, XlmrTokenizer.PadId);
        for (var r = 0; r < batch.Length; r++)
        {
            for (var t = 0; t < batch[r].Length; t++)
            {
                ids[(r * width) + t] = batch[r][t];
                mask[(r * width) + t] = 1;
            }
        }

        return (tensor(ids, [batch.Length, width]), tensor(mask, [batch.Length, width]));
    }

    private static string Describe(string runDirectory, XlmrConfig config)
    {
        var runJson = Path.Combine(runDirectory, Training.RunDirectory.RunFile);
        var kind = config.Moe.Enabled ? $"MoE {config.Moe.NumExperts} experts top-{config.Moe.TopK}" : "dense";
        var shape = $"transformer {config.NumLayers}×{config.HiddenSize}, {kind}";
        if (!File.Exists(runJson))
        {
            return shape;
        }

        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(runJson));
            var preset = doc.RootElement.TryGetProperty("preset", out var p) ? p.GetString() : null;
            var runId = doc.RootElement.TryGetProperty("runId", out var id) ? id.GetString() : null;
            return $"{shape}{(preset is null ? "" : $", preset {preset}")}{(runId is null ? "" : $", run {runId[..Math.Min(8, runId.Length)]}")}";
        }
        catch (JsonException)
        {
            return shape;
        }
    }
}
