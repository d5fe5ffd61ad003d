using System.Diagnostics;
using System.Text.Json;
using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Export;
using Moderation.Training.Model;
using Moderation.Training.Native;
using Moderation.Training.Tracking;
using Moderation.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Pretraining;

/// <summary>
/// `moderation pretrain`: self-supervised masked-language-model training of the encoder on the corpus's train split
/// (its labels unused; validation rows only measure it, test rows are never read). Writes a Hugging Face-style
/// directory, <c>model.safetensors</c> + <c>config.json</c> + <c>sentencepiece.bpe.model</c> + <c>pretrain.json</c>,
/// that `moderation train --base-model DIR` starts from; the run is tracked in MLflow's format like training.
/// </summary>
public static class Pretrainer
{
    public const string ModelFile = "model.safetensors";
    public const string TokenizerFile = "sentencepiece.bpe.model";
    public const string SummaryFile = "pretrain.json";

    public static PretrainOutcome Run(PretrainOptions options, Action<PretrainProgress> progress, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(log);
        options.Validate();
        if (!Directory.Exists(options.Corpus))
        {
            throw new TrainingSetupException($"corpus directory {options.Corpus} not found");
        }

        if (File.Exists(Path.Combine(options.Out, ModelFile)))
        {
            throw new TrainingSetupException($"{options.Out} already holds a pretrained model; choose another --out");
        }

        var tokenizerPath = options.Tokenizer ?? Path.Combine(options.Corpus, "tokenizer.model");
        if (!File.Exists(tokenizerPath))
        {
            throw new TrainingSetupException($"tokenizer {tokenizerPath} not found (pretraining uses the tokenizer fine-tuning will use: the corpus's, or --tokenizer)");
        }

        TorchNativeLoader.EnsureLoaded();
        var device = TrainingDevice.Resolve(options.Device);
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }

        var tokenizer = XlmrTokenizer.Load(tokenizerPath);
        var config = Config(options, tokenizer);
        var train = Rows(options.Corpus, Splits.Train, tokenizer, config.MaxSequenceLength, int.MaxValue);
        var held = Rows(options.Corpus, Splits.Validation, tokenizer, config.MaxSequenceLength, options.EvalRows);
        log($"pretraining on {train.Count} train rows ({train.Sum(r => (long)r.Length)} tokens), measured on {held.Count} validation rows");
        Directory.CreateDirectory(options.Out);
        torch.manual_seed(options.Seed);
        using var model = new MaskedLanguageModel(config);
        model.to(device);
        using var optimizer = optim.AdamW(model.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        var masker = new TokenMasker(options.MaskRate, tokenizer.MaskId, tokenizer.VocabularySize);
        var heldBatches = held.Chunk(options.BatchSize).Select((rows, i) => (Rows: rows, Seed: options.Seed + 1 + i)).ToArray();
        using var tracker = RunTracking.Start(RunTracking.Resolve(options.TrackingUri), options.Experiment,
            options.RunName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Out))),
            new Dictionary<string, string> { ["moderation.kind"] = "pretrain", ["moderation.preset"] = options.Preset });
        tracker.LogParams(new Dictionary<string, string>(options.AsParams()) { ["train_rows"] = train.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        log($"MLflow run {tracker.RunId} at {tracker.Location}");
        var status = RunStatus.Failed;
        try
        {
            var (steps, elapsed, reason, history) = Loop(options, model, optimizer, masker, new MlmBatches(train, options.BatchSize, options.Seed), heldBatches, device, tracker, progress, cancellationToken);
            Write(options, model, config, tokenizerPath, steps, elapsed, reason, history, train.Count, tracker.RunId);
            tracker.LogArtifact(Path.Combine(options.Out, SummaryFile));
            status = reason == "cancelled" ? RunStatus.Killed : RunStatus.Finished;
            return new PretrainOutcome(options.Out, steps, elapsed, reason, tracker.RunId, history, train.Count);
        }
        finally
        {
            tracker.Finish(status);
        }
    }

    private static (long Steps, TimeSpan Elapsed, string Reason, List<PretrainEvaluation> History) Loop(
        PretrainOptions options, MaskedLanguageModel model, optim.Optimizer optimizer, TokenMasker masker, MlmBatches batches,
        (int[][] Rows, long Seed)[] held, Device device, IRunTracker tracker, Action<PretrainProgress> progress, CancellationToken cancellationToken)
    {
        var warmup = options.WarmupSteps >= 0 ? options.WarmupSteps : Math.Max(1, (long)Math.Round(options.MaxSteps * 0.06));
        var lr = new LearningRateSchedule(options.LearningRate, warmup, options.MaxSteps);
        var router = options.RouterSchedule();
        var budget = options.MaxMinutes > 0 ? TimeSpan.FromMinutes(options.MaxMinutes) : TimeSpan.MaxValue;
        var random = new Random(unchecked((int)(options.Seed * 31) + 7));
        var parameters = model.parameters().ToArray();
        var history = new List<PretrainEvaluation>();
        var clock = Stopwatch.StartNew();
        double windowLoss = 0, windowCorrect = 0, windowPredicted = 0;
        var windowSteps = 0;
        long step = 0;
        var reason = "steps";
        model.train();
        while (step < options.MaxSteps)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                reason = "cancelled";
                break;
            }

            if (clock.Elapsed >= budget)
            {
                reason = "time budget";
                break;
            }

            foreach (var group in optimizer.ParamGroups)
            {
                group.LearningRate = lr.At(step);
            }

            model.SetRoutingTemperature(router.At(step));
            using (NoGcRegion.Enter())
            {
                using var scope = NewDisposeScope();
                optimizer.zero_grad();
                using var batch = new MaskedBatch(batches.Next(), masker, random, device);
                using var output = model.forward(batch.Inputs, batch.Mask, batch.Labels);
                output.Loss.backward();
                if (options.ClipNorm > 0)
                {
                    nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
                }

                optimizer.step();
                windowLoss += output.MlmLoss;
                windowCorrect += output.Correct;
                windowPredicted += output.Predicted;
                windowSteps++;
            }

            step++;
            var trainLoss = windowLoss / windowSteps;
            PretrainEvaluation? evaluation = null;
            if (step % options.EvalEvery == 0 || step == options.MaxSteps)
            {
                evaluation = Evaluate(model, masker, held, device, step, trainLoss);
                history.Add(evaluation);
                tracker.LogMetrics(
                [
                    MetricPoint.Now("train_mlm_loss", trainLoss, step),
                    MetricPoint.Now("val_mlm_loss", evaluation.Loss, step),
                    MetricPoint.Now("val_mlm_accuracy", evaluation.Accuracy, step),
                ]);
            }

            progress(new PretrainProgress(step, options.MaxSteps, trainLoss, windowCorrect / Math.Max(1, windowPredicted), clock.Elapsed, evaluation));
            if (evaluation is not null)
            {
                (windowLoss, windowCorrect, windowPredicted, windowSteps) = (0, 0, 0, 0);
            }
        }

        if (reason != "steps" && step > 0 && (history.Count == 0 || history[^1].Step != step))
        {
            history.Add(Evaluate(model, masker, held, device, step, windowSteps > 0 ? windowLoss / windowSteps : double.NaN));
        }

        return (step, clock.Elapsed, reason, history);
    }

    /// <summary>Held-out masked-token loss (mean over predicted tokens) and accuracy; the same masks at every evaluation.</summary>
    private static PretrainEvaluation Evaluate(MaskedLanguageModel model, TokenMasker masker, (int[][] Rows, long Seed)[] held, Device device, long step, double trainLoss)
    {
        if (held.Length == 0)
        {
            return new PretrainEvaluation(step, double.NaN, double.NaN, trainLoss);
        }

        model.eval();
        double loss = 0, correct = 0, predicted = 0;
        using (no_grad())
        {
            foreach (var (rows, seed) in held)
            {
                using var region = NoGcRegion.Enter();
                using var scope = NewDisposeScope();
                using var batch = new MaskedBatch(rows, masker, new Random(unchecked((int)seed)), device);
                using var output = model.forward(batch.Inputs, batch.Mask, batch.Labels);
                loss += output.MlmLoss * output.Predicted;
                correct += output.Correct;
                predicted += output.Predicted;
            }
        }

        model.train();
        return new PretrainEvaluation(step, loss / Math.Max(1, predicted), correct / Math.Max(1, predicted), trainLoss);
    }

    private static XlmrConfig Config(PretrainOptions options, XlmrTokenizer tokenizer)
    {
        // The shape `moderation train --preset P` builds for the same tokenizer, so the checkpoint loads without a mismatch.
        var config = options.ModelOverride ?? XlmrConfig.Preset(options.Preset, tokenizer.VocabularySize);
        return config with
        {
            VocabSize = Math.Max(config.VocabSize, tokenizer.VocabularySize),
            NumFamilies = Families.All.Count,
            NumCategories = Categories.All.Count,
            Moe = options.MoeAuxLoss is { } aux ? config.Moe with { AuxLossCoefficient = aux } : config.Moe,
        };
    }

    private static List<int[]> Rows(string corpus, string split, XlmrTokenizer tokenizer, int maxTokens, int limit)
    {
        var path = Path.Combine(corpus, Splits.FileName(split));
        if (!File.Exists(path))
        {
            if (split == Splits.Train)
            {
                throw new TrainingSetupException($"{path}: no train split (build the corpus with `moderation data build`)");
            }

            return [];
        }

        var rows = new List<int[]>();
        foreach (var row in CorpusJson.Read(path))
        {
            if (rows.Count >= limit)
            {
                break;
            }

            var (ids, _) = tokenizer.Encode(TextNormalizer.Normalize(row.Text), maxTokens);
            if (ids.Count > 2)
            {
                rows.Add([.. ids]);
            }
        }

        if (rows.Count == 0 && split == Splits.Train)
        {
            throw new TrainingSetupException($"{path}: no row with text to pretrain on");
        }

        return rows;
    }

    private static void Write(PretrainOptions options, MaskedLanguageModel model, XlmrConfig config, string tokenizerPath, long steps, TimeSpan elapsed, string reason, List<PretrainEvaluation> history, int trainRows, string runId)
    {
        // Staged, then moved in: a directory with model.safetensors is always a whole checkpoint.
        var staged = Path.Combine(options.Out, ModelFile + ".partial");
        model.Save(staged);
        HfConfigFile.Write(config, Path.Combine(options.Out, "config.json"));
        File.Copy(tokenizerPath, Path.Combine(options.Out, TokenizerFile), overwrite: true);
        var summary = new
        {
            run_id = runId,
            steps,
            minutes = elapsed.TotalMinutes,
            stop_reason = reason,
            train_rows = trainRows,
            options = options.AsParams(),
            history = history.Select(h => new { step = h.Step, train_loss = h.TrainLoss, val_loss = h.Loss, val_accuracy = h.Accuracy }),
        };
        File.WriteAllText(Path.Combine(options.Out, SummaryFile), JsonSerializer.Serialize(summary, new JsonSerializerOptions { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }));
        File.Move(staged, Path.Combine(options.Out, ModelFile));
    }
}
