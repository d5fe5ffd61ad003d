using System.Diagnostics;
using System.Text.Json;
using Moderation.Datasets.Corpus;
using Moderation.Training.Checkpoints;
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
/// that `moderation train --base-model DIR` starts from; the run is tracked in MLflow's format like training. A run
/// writes resumable checkpoints (<see cref="PretrainCheckpoint"/>) and `--resume OUT` continues it in a later session;
/// a run stopped by its time budget also writes the model it has so far, so each session leaves something usable.
/// </summary>
public static class Pretrainer
{
    public const string ModelFile = "model.safetensors";
    public const string TokenizerFile = "sentencepiece.bpe.model";
    public const string SummaryFile = "pretrain.json";
    public const string OptionsFile = "pretrain-options.json";

    /// <summary>Starts a run in <see cref="PretrainOptions.Out"/>, which must hold no model and no unfinished run.</summary>
    public static PretrainOutcome Run(PretrainOptions options, Action<PretrainProgress> progress, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (File.Exists(Path.Combine(options.Out, ModelFile)))
        {
            throw new TrainingSetupException($"{options.Out} already holds a pretrained model; choose another --out (or continue a stopped run with --resume)");
        }

        if (PretrainCheckpoint.Latest(options.Out) is not null)
        {
            throw new TrainingSetupException($"{options.Out} holds an unfinished pretraining run; continue it with `moderation pretrain --resume {options.Out}` or choose another --out");
        }

        if (!Directory.Exists(options.Corpus))
        {
            throw new TrainingSetupException($"corpus directory {options.Corpus} not found");
        }

        var tokenizer = options.Tokenizer ?? Path.Combine(options.Corpus, "tokenizer.model");
        if (!File.Exists(tokenizer))
        {
            throw new TrainingSetupException($"tokenizer {tokenizer} not found (pretraining uses the tokenizer fine-tuning will use: the corpus's, or --tokenizer)");
        }

        // Absolute paths, so that a resume from another working directory reads the same corpus and tokenizer.
        options = options with
        {
            Corpus = Path.GetFullPath(options.Corpus), Tokenizer = Path.GetFullPath(tokenizer), Out = Path.GetFullPath(options.Out),
            BaseModel = options.BaseModel is null ? null : Path.GetFullPath(options.BaseModel),
        };
        RequireCorpus(options);
        RequireBaseModel(options);
        Directory.CreateDirectory(options.Out);
        File.WriteAllText(Path.Combine(options.Out, OptionsFile), options.ToJson());
        return Execute(options, checkpoint: null, progress, log, cancellationToken);
    }

    /// <summary>
    /// Continues the run in <paramref name="outDirectory"/> from its latest checkpoint with its own options;
    /// <paramref name="maxMinutes"/> bounds this session (null: the run's own budget).
    /// </summary>
    public static PretrainOutcome Resume(string outDirectory, Action<PretrainProgress> progress, Action<string> log, CancellationToken cancellationToken, double? maxMinutes = null)
    {
        var optionsPath = Path.Combine(outDirectory, OptionsFile);
        if (!File.Exists(optionsPath))
        {
            throw new TrainingSetupException($"{optionsPath} not found: {outDirectory} is not a pretraining run");
        }

        var options = PretrainOptions.FromJson(File.ReadAllText(optionsPath)) with { Out = Path.GetFullPath(outDirectory) };
        options = maxMinutes is { } minutes ? options with { MaxMinutes = minutes } : options;
        options.Validate();
        var checkpoint = PretrainCheckpoint.Latest(outDirectory) ?? throw new TrainingSetupException(File.Exists(Path.Combine(outDirectory, ModelFile))
            ? $"{outDirectory} finished its {options.MaxSteps} steps; there is nothing to resume"
            : $"{outDirectory} has no checkpoint to resume from (it stopped before its first; start it again)");
        RequireCorpus(options);
        return Execute(options, checkpoint, progress, log, cancellationToken);
    }

    private static void RequireCorpus(PretrainOptions options)
    {
        if (!Directory.Exists(options.Corpus))
        {
            throw new TrainingSetupException($"corpus directory {options.Corpus} not found");
        }

        if (!File.Exists(options.Tokenizer))
        {
            throw new TrainingSetupException($"tokenizer {options.Tokenizer} not found");
        }
    }

    /// <summary>
    /// A base model must be a pretraining output read with the same tokenizer: token ids mean nothing across tokenizers,
    /// and its shape must be the preset's (checked by name and shape when its tensors are copied in).
    /// </summary>
    private static void RequireBaseModel(PretrainOptions options)
    {
        if (options.BaseModel is not { } baseModel)
        {
            return;
        }

        if (Path.GetFullPath(baseModel) == options.Out)
        {
            throw new TrainingSetupException("--base-model must be another directory than --out (continue a stopped run with --resume)");
        }

        var weights = Path.Combine(baseModel, ModelFile);
        var vocabulary = Path.Combine(baseModel, TokenizerFile);
        if (!File.Exists(weights) || !File.Exists(vocabulary))
        {
            throw new TrainingSetupException($"--base-model {baseModel}: no {ModelFile} and {TokenizerFile} (the output of `moderation pretrain`)");
        }

        if (!File.ReadAllBytes(vocabulary).AsSpan().SequenceEqual(File.ReadAllBytes(options.Tokenizer!)))
        {
            throw new TrainingSetupException($"--base-model {baseModel} was pretrained with another tokenizer than {options.Tokenizer}");
        }
    }

    private static PretrainOutcome Execute(PretrainOptions options, string? checkpoint, Action<PretrainProgress> progress, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(log);
        TorchNativeLoader.EnsureLoaded();
        var device = TrainingDevice.Resolve(options.Device);
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }

        var tokenizer = XlmrTokenizer.Load(options.Tokenizer!);
        var config = Config(options, tokenizer);
        var train = Rows(options.Corpus, Splits.Train, tokenizer, config.MaxSequenceLength, int.MaxValue);
        var held = Rows(options.Corpus, Splits.Validation, tokenizer, config.MaxSequenceLength, options.EvalRows);
        log($"pretraining on {train.Count} train rows ({train.Sum(r => (long)r.Length)} tokens), measured on {held.Count} validation rows");
        torch.manual_seed(options.Seed);
        using var model = new MaskedLanguageModel(config);
        model.to(device);
        using var optimizer = optim.AdamW(model.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);
        var masker = new TokenMasker(options.MaskRate, tokenizer.MaskId, tokenizer.VocabularySize);
        var batches = new MlmBatches(train, options.BatchSize, options.Seed);
        var maskRandom = new Random(unchecked((int)(options.Seed * 31) + 7));
        var heldBatches = held.Chunk(options.BatchSize).Select((rows, i) => (Rows: rows, Seed: options.Seed + 1 + i)).ToArray();
        PretrainState? resumed = null;
        if (checkpoint is not null)
        {
            resumed = PretrainCheckpoint.ReadState(checkpoint);
            PretrainCheckpoint.Restore(checkpoint, model, optimizer);
            // Replays the batches and masks of the steps already taken (no model involved, a second or two), so the
            // generators stand where an unbroken run's would.
            for (long i = 0; i < resumed.Step; i++)
            {
                foreach (var row in batches.Next())
                {
                    masker.Mask(row, maskRandom);
                }
            }

            log($"resuming from {checkpoint} (step {resumed.Step} of {options.MaxSteps}, {resumed.ElapsedSeconds / 60:F1} min so far)");
        }
        else if (options.BaseModel is { } baseModel)
        {
            LoadBaseModel(model, baseModel);
            log($"base model: {baseModel} (continued pretraining; the learning rate warms up and decays again over {options.MaxSteps} steps)");
        }

        using var tracker = resumed is null
            ? RunTracking.Start(RunTracking.Resolve(options.TrackingUri), options.Experiment,
                options.RunName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(options.Out)),
                new Dictionary<string, string> { ["moderation.kind"] = "pretrain", ["moderation.preset"] = options.Preset })
            : RunTracking.Resume(resumed.TrackingUri, resumed.ExperimentId, resumed.RunId);
        if (resumed is null)
        {
            tracker.LogParams(new Dictionary<string, string>(options.AsParams()) { ["train_rows"] = train.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        log($"MLflow run {tracker.RunId} at {tracker.Location}");
        var start = resumed is null
            ? new PretrainState { TrackingUri = RunTracking.Resolve(options.TrackingUri), ExperimentId = tracker.ExperimentId, RunId = tracker.RunId }
            : resumed with { Sessions = resumed.Sessions + 1 };
        var status = RunStatus.Failed;
        try
        {
            var loop = new LoopParts(model, optimizer, masker, batches, maskRandom, heldBatches, device, tracker);
            var (steps, elapsed, reason, history) = Loop(options, loop, start, progress, cancellationToken);
            Write(options, model, config, options.Tokenizer!, steps, elapsed, reason, history, train.Count, tracker.RunId);
            if (reason == "steps" && Directory.Exists(Path.Combine(options.Out, CheckpointDirectory.Name)))
            {
                // Finished: the model is the result, and nothing is left to resume.
                Directory.Delete(Path.Combine(options.Out, CheckpointDirectory.Name), recursive: true);
            }

            tracker.LogArtifact(Path.Combine(options.Out, SummaryFile));
            status = reason == "cancelled" ? RunStatus.Killed : RunStatus.Finished;
            return new PretrainOutcome(options.Out, steps, elapsed, reason, tracker.RunId, history, train.Count);
        }
        finally
        {
            tracker.Finish(status);
        }
    }

    private static void LoadBaseModel(MaskedLanguageModel model, string baseModel)
    {
        try
        {
            model.LoadWeights(Path.Combine(baseModel, ModelFile));
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or KeyNotFoundException or CheckpointShapeException)
        {
            throw new TrainingSetupException($"--base-model {baseModel} does not fit this preset's model: {e.Message}");
        }
    }

    /// <summary>What the loop works with (one object, so the loop's signature stays readable).</summary>
    private sealed record LoopParts(
        MaskedLanguageModel Model, TorchSharp.Modules.OptimizerHelper Optimizer, TokenMasker Masker, MlmBatches Batches, Random MaskRandom,
        (int[][] Rows, long Seed)[] Held, Device Device, IRunTracker Tracker);

    private static (long Steps, TimeSpan Elapsed, string Reason, List<PretrainEvaluation> History) Loop(
        PretrainOptions options, LoopParts parts, PretrainState start, Action<PretrainProgress> progress, CancellationToken cancellationToken)
    {
        var (model, optimizer, masker, batches, random, held, device, tracker) = parts;
        var warmup = options.WarmupSteps >= 0 ? options.WarmupSteps : Math.Max(1, (long)Math.Round(options.MaxSteps * 0.06));
        var lr = new LearningRateSchedule(options.LearningRate, warmup, options.MaxSteps);
        var router = options.RouterSchedule();
        var budget = options.MaxMinutes > 0 ? TimeSpan.FromMinutes(options.MaxMinutes) : TimeSpan.MaxValue;
        var parameters = model.parameters().ToArray();
        var history = new List<PretrainEvaluation>(start.History);
        var before = TimeSpan.FromSeconds(start.ElapsedSeconds);
        var clock = Stopwatch.StartNew();
        var (windowLoss, windowCorrect, windowPredicted, windowSteps) = (start.WindowLoss, start.WindowCorrect, start.WindowPredicted, start.WindowSteps);
        var step = start.Step;
        var reason = "steps";
        PretrainState State() => start with
        {
            Step = step, ElapsedSeconds = (before + clock.Elapsed).TotalSeconds, History = [.. history],
            WindowLoss = windowLoss, WindowCorrect = windowCorrect, WindowPredicted = windowPredicted, WindowSteps = windowSteps,
        };

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

            progress(new PretrainProgress(step, options.MaxSteps, trainLoss, windowCorrect / Math.Max(1, windowPredicted), before + clock.Elapsed, evaluation));
            if (evaluation is not null)
            {
                (windowLoss, windowCorrect, windowPredicted, windowSteps) = (0, 0, 0, 0);
            }

            if (options.CheckpointEvery > 0 && step % options.CheckpointEvery == 0 && step < options.MaxSteps)
            {
                PretrainCheckpoint.Write(options.Out, model, optimizer, State(), options.KeepCheckpoints);
            }
        }

        if (reason != "steps" && step > start.Step && (options.CheckpointEvery == 0 || step % options.CheckpointEvery != 0))
        {
            // Stopped between checkpoints: keep this step too, so the next session loses nothing.
            PretrainCheckpoint.Write(options.Out, model, optimizer, State(), options.KeepCheckpoints);
        }

        if (reason != "steps" && step > 0 && (history.Count == 0 || history[^1].Step != step))
        {
            history.Add(Evaluate(model, masker, held, device, step, windowSteps > 0 ? windowLoss / windowSteps : double.NaN));
        }

        return (step, before + clock.Elapsed, reason, history);
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
        File.Move(staged, Path.Combine(options.Out, ModelFile), overwrite: true);
    }
}
