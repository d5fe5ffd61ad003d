using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Text;
using Moderation.Training.Checkpoints;
using Moderation.Training.Evaluation;
using Moderation.Training.Model;
using Moderation.Training.Native;
using Moderation.Training.Tracking;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Training;

/// <summary>
/// A whole `moderation train` invocation: prepares (or reopens, for --resume) the run directory,
/// tokenizer, data, model, optimiser and MLflow run, runs the <see cref="Trainer"/>, then writes the
/// run's contract files (run.json, config.json, labels.json, tokenizer.model, model.safetensors,
/// thresholds.json) and closes the MLflow run as FINISHED, KILLED (cancelled) or FAILED.
/// </summary>
public static class TrainingRun
{
    public static TrainingOutcome Start(TrainOptions options, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!Directory.Exists(options.Corpus))
        {
            throw new TrainingSetupException($"corpus directory {options.Corpus} not found");
        }

        if (File.Exists(Path.Combine(options.Out, RunDirectory.RunFile)))
        {
            throw new TrainingSetupException($"{options.Out} already holds a run; pass --resume to continue it or choose another --out");
        }

        TorchNativeLoader.EnsureLoaded();
        var device = TrainingDevice.Resolve(options.Device);
        Directory.CreateDirectory(options.Out);
        ApplyThreads(options);
        var tokenizer = XlmrTokenizer.Load(TokenizerSource.Prepare(options, options.Out, observer.OnMessage));
        var config = ModelConfig(options, tokenizer);
        File.WriteAllText(Path.Combine(options.Out, RunDirectory.OptionsFile), options.ToJson());
        File.WriteAllText(Path.Combine(options.Out, RunDirectory.ConfigFile), config.ToJson());
        RunDirectory.WriteLabels(options.Out);

        torch.manual_seed(options.Seed);
        var model = new ModerationModel(config);
        if (options.BaseModel is not null)
        {
            var report = HfCheckpointLoader.Load(model, options.BaseModel);
            observer.OnMessage($"base model: {report}");
        }

        if (config.Lora is not null)
        {
            model.FreezeBaseForLora();
        }

        model.to(device);
        var optimizer = CreateOptimizer(model, options);
        var (train, validation) = LoadData(options, tokenizer, config, observer);
        var state = new TrainerState { TotalSteps = TotalSteps(options, train.Count) };
        var trackingUri = RunTracking.Resolve(options.TrackingUri);
        var runName = options.RunName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Out)));
        using var tracker = RunTracking.Start(trackingUri, options.Experiment, runName, new Dictionary<string, string>
        {
            ["moderation.preset"] = options.Preset,
            ["moderation.run_dir"] = Path.GetFullPath(options.Out),
        });
        var info = new RunInfo
        {
            RunId = tracker.RunId,
            ExperimentId = tracker.ExperimentId,
            TrackingUri = trackingUri,
            Preset = options.Preset,
            CreatedAt = DateTimeOffset.UtcNow,
            Status = "RUNNING",
            Corpus = Path.GetFullPath(options.Corpus),
            CorpusSha256 = RunDirectory.CorpusSha256(options.Corpus),
        };
        info.Write(options.Out);
        var parameters = new Dictionary<string, string>(options.AsParams(), StringComparer.Ordinal)
        {
            ["total_steps"] = state.TotalSteps.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["train_rows"] = train.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["validation_rows"] = validation.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["parameters_total"] = model.ParameterCounts().Total.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["parameters_trainable"] = model.ParameterCounts().Trainable.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["corpus_sha256"] = info.CorpusSha256 ?? "",
        };
        tracker.LogParams(parameters);
        observer.OnMessage($"MLflow run {tracker.RunId} at {tracker.Location}");
        var average = options.EmaDecay > 0 ? new WeightAverage(model, options.EmaDecay) : null;
        return Execute(options, model, optimizer, average, train, validation, state, info, tracker, observer, device, NgramSource.For(model.Config, tokenizer), cancellationToken);
    }

    /// <summary>Continues the run in <paramref name="runDirectory"/> from its latest checkpoint with its own options.</summary>
    public static TrainingOutcome Resume(string runDirectory, ITrainingObserver observer, CancellationToken cancellationToken, double? maxMinutes = null)
    {
        ArgumentNullException.ThrowIfNull(observer);
        var info = RunInfo.Read(runDirectory);
        var optionsPath = Path.Combine(runDirectory, RunDirectory.OptionsFile);
        if (!File.Exists(optionsPath))
        {
            throw new TrainingSetupException($"{optionsPath} not found: cannot resume");
        }

        var options = TrainOptions.FromJson(File.ReadAllText(optionsPath)) with { Out = runDirectory };
        options = maxMinutes is { } minutes ? options with { MaxMinutes = minutes } : options;
        var checkpoint = TrainingCheckpoint.Latest(runDirectory)
            ?? throw new TrainingSetupException($"{runDirectory} has no checkpoint to resume from");
        TorchNativeLoader.EnsureLoaded();
        var device = TrainingDevice.Resolve(options.Device);
        ApplyThreads(options);
        var state = TrainingCheckpoint.ReadState(checkpoint);
        observer.OnMessage($"resuming {info.RunId} from {checkpoint} (step {state.Step} of {state.TotalSteps})");
        var tokenizer = XlmrTokenizer.Load(Path.Combine(runDirectory, RunDirectory.TokenizerFile));
        var model = ModerationModel.Load(Path.Combine(checkpoint, RunDirectory.ModelFile));
        if (model.Config.Lora is not null)
        {
            model.FreezeBaseForLora();
        }

        model.to(device);
        var optimizer = CreateOptimizer(model, options);
        optimizer.load_state_dict(Path.Combine(checkpoint, "optimizer.bin"));
        var (train, validation) = LoadData(options, tokenizer, model.Config, observer);
        var average = ResumeAverage(options, model, checkpoint, observer);
        using var tracker = RunTracking.Resume(info.TrackingUri, info.ExperimentId, info.RunId);
        info = info with { Status = "RUNNING" };
        info.Write(runDirectory);
        return Execute(options, model, optimizer, average, train, validation, state, info, tracker, observer, device, NgramSource.For(model.Config, tokenizer), cancellationToken);
    }

    /// <summary>The checkpoint's weight average, or (a run checkpointed before the average was saved) one started from its weights.</summary>
    private static WeightAverage? ResumeAverage(TrainOptions options, ModerationModel model, string checkpoint, ITrainingObserver observer)
    {
        if (options.EmaDecay <= 0)
        {
            return null;
        }

        var average = new WeightAverage(model, options.EmaDecay);
        var path = Path.Combine(checkpoint, TrainingCheckpoint.AverageFile);
        if (File.Exists(path))
        {
            average.Load(path);
        }
        else
        {
            observer.OnMessage($"{checkpoint} has no {TrainingCheckpoint.AverageFile}: the weight average restarts from the checkpoint's weights");
        }

        return average;
    }

    public static long TotalSteps(TrainOptions options, int trainRows) => options.MaxSteps > 0
        ? options.MaxSteps
        : Math.Max(1, (long)Math.Ceiling(options.Epochs * trainRows / (options.BatchSize * (double)options.GradientAccumulation)));

    private static TrainingOutcome Execute(
        TrainOptions options, ModerationModel model, OptimizerHelper optimizer, WeightAverage? average, IReadOnlyList<TrainingExample> train, IReadOnlyList<TrainingExample> validation,
        TrainerState state, RunInfo info, IRunTracker tracker, ITrainingObserver observer, Device device, NgramSource? ngrams, CancellationToken cancellationToken)
    {
        var runDirectory = options.Out;
        try
        {
            var batcher = new LengthBucketedBatcher(train, options.LanguageSchedule(state.TotalSteps), options.BatchSize, options.BucketBatches, options.GradientAccumulation, options.Seed, options.LabelledShare);
            var validator = new Validator(validation, options.EvalBatchSize, device, ngrams);
            var loss = new ModerationLoss(
                CategoryPositiveWeights: options.BalanceCategories ? CategoryBalance.PositiveWeights(train) : null, CategoryWeight: (float)options.CategoryLossWeight);
            var trainer = new Trainer(model, optimizer, batcher, validator, options, tracker, observer, device, runDirectory, loss, average, ngrams);
            var (reason, checkpoint) = trainer.Run(state, cancellationToken);
            var finished = reason != StopReason.Cancelled;
            if (!File.Exists(Path.Combine(runDirectory, RunDirectory.ModelFile)))
            {
                // No validation ran yet (cancelled early): the current weights (averaged, when on) stand in until one does.
                using var averaged = average?.Swap();
                model.Save(Path.Combine(runDirectory, RunDirectory.ModelFile));
            }

            if (finished)
            {
                observer.OnMessage("choosing thresholds on the validation split (best model)");
                ChooseThresholds(runDirectory, options.Corpus, options.HoldBudget);
            }
            else if (!File.Exists(Path.Combine(runDirectory, RunDirectory.ThresholdsFile)))
            {
                RunDirectory.WriteDefaultThresholds(runDirectory);
            }

            info = info with
            {
                Status = finished ? "FINISHED" : "KILLED",
                Step = state.Step,
                BestStep = state.BestStep,
                StopReason = reason.ToString(),
                Validation = state.BestValidation,
            };
            info.Write(runDirectory);
            if (state.BestValidation is { } best)
            {
                tracker.LogMetrics(
                [
                    MetricPoint.Now("best_val_loss", best.Loss, state.BestStep),
                    MetricPoint.Now("best_val_family_accuracy", best.FamilyAccuracy, state.BestStep),
                ]);
            }

            foreach (var file in new[] { RunDirectory.RunFile, RunDirectory.ConfigFile, RunDirectory.LabelsFile, RunDirectory.ThresholdsFile, RunDirectory.OptionsFile })
            {
                tracker.LogArtifact(Path.Combine(runDirectory, file));
            }

            tracker.SetTags(new Dictionary<string, string> { ["moderation.stop_reason"] = reason.ToString() });
            tracker.Finish(finished ? RunStatus.Finished : RunStatus.Killed);
            return new TrainingOutcome(reason, state, runDirectory, info.RunId, checkpoint);
        }
        catch
        {
            info = info with { Status = "FAILED", Step = state.Step, BestStep = state.BestStep };
            info.Write(runDirectory);
            try
            {
                tracker.Finish(RunStatus.Failed);
            }
            catch (Exception e) when (e is IOException or HttpRequestException or MlflowRestException)
            {
                observer.OnMessage($"could not mark the MLflow run failed: {e.Message}");
            }

            throw;
        }
        finally
        {
            average?.Dispose();
            optimizer.Dispose();
            model.Dispose();
        }
    }

    /// <summary>thresholds.json from the best model's validation predictions, as `moderation eval` chooses them (target precision 0.8).</summary>
    private static void ChooseThresholds(string runDirectory, string corpus, double? holdBudget)
    {
        using var predictor = TransformerPredictor.Load(runDirectory);
        var rows = CorpusJson.Read(Path.Combine(corpus, Splits.FileName(Splits.Validation))).ToList();
        Thresholds.Choose(predictor.Predict(rows), RunDirectory.TargetPrecision, holdBudget).Save(Path.Combine(runDirectory, RunDirectory.ThresholdsFile));
    }

    private static XlmrConfig ModelConfig(TrainOptions options, XlmrTokenizer tokenizer)
    {
        var config = options.ModelOverride ?? XlmrConfig.Preset(options.Preset, tokenizer.VocabularySize);
        config = config with
        {
            VocabSize = Math.Max(config.VocabSize, tokenizer.VocabularySize),
            NumFamilies = Families.All.Count,
            NumCategories = Categories.All.Count,
            CategoryPooling = options.CategoryPooling,
            Moe = options.MoeAuxLoss is { } aux ? config.Moe with { AuxLossCoefficient = aux } : config.Moe,
            Lora = options.LoraRank > 0 ? new LoraConfig { Rank = options.LoraRank, Alpha = 2.0 * options.LoraRank } : config.Lora,
            CharNgrams = options.CharNgrams ? new CharNgramConfig { Buckets = options.CharNgramBuckets, Dimension = options.CharNgramDimension } : config.CharNgrams,
        };
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new TrainingSetupException(e.Message);
        }

        return config;
    }

    private static OptimizerHelper CreateOptimizer(ModerationModel model, TrainOptions options) =>
        optim.AdamW(model.parameters().Where(p => p.requires_grad), lr: options.LearningRate, weight_decay: options.WeightDecay);

    private static (IReadOnlyList<TrainingExample> Train, IReadOnlyList<TrainingExample> Validation) LoadData(TrainOptions options, XlmrTokenizer tokenizer, XlmrConfig config, ITrainingObserver observer)
    {
        var maxTokens = config.MaxSequenceLength;
        var train = TokenizedCorpus.Load(options.Corpus, Splits.Train, tokenizer, maxTokens, n => observer.OnMessage($"tokenised {n} train rows"));
        var validation = TokenizedCorpus.Load(options.Corpus, Splits.Validation, tokenizer, maxTokens);
        observer.OnMessage($"data: {train.Count} train rows, {validation.Count} validation rows, ≤ {maxTokens} tokens each");
        return (train, validation);
    }

    private static void ApplyThreads(TrainOptions options)
    {
        if (options.Threads > 0)
        {
            torch.set_num_threads(options.Threads);
        }
    }
}
