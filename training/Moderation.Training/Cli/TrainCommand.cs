using System.CommandLine;
using System.Globalization;
using Moderation.Training.Native;
using Moderation.Training.Training;
using Moderation.Training.Tracking;
using Spectre.Console;

namespace Moderation.Training.Cli;

/// <summary>`moderation train`: trains a preset on a corpus into a run directory, or resumes one.</summary>
public static class TrainCommand
{
    /// <summary>Exit code after Ctrl-C (128 + SIGINT), as shells report an interrupted command.</summary>
    public const int Interrupted = 130;

    public static Command Create()
    {
        var corpus = new Option<string?>("--corpus") { Description = "Corpus directory from `moderation data build` (train.jsonl, validation.jsonl)" };
        var preset = new Option<string>("--preset") { Description = "Model size: tiny, small or xlmr-base", DefaultValueFactory = _ => "tiny" };
        var baseModel = new Option<string?>("--base-model") { Description = "Hugging Face XLM-R checkpoint directory to start from" };
        var loraRank = new Option<int>("--lora-rank") { Description = "Train LoRA adapters of this rank (plus routers and heads) on a frozen base; 0 trains everything" };
        var device = new Option<string>("--device") { Description = "cpu or cuda (cuda needs a build with -p:TorchDevice=cuda)", DefaultValueFactory = _ => "cpu" };
        var output = new Option<string>("--out") { Description = "Run directory", Required = true };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "SentencePiece model (default: the corpus's tokenizer.model, else one trained here)" };
        var vocab = new Option<int>("--vocab-size") { Description = "Vocabulary of a tokenizer trained here", DefaultValueFactory = _ => 8000 };
        var epochs = new Option<double>("--epochs") { Description = "Passes over the train split (used when --max-steps is 0)", DefaultValueFactory = _ => 3 };
        var maxSteps = new Option<long>("--max-steps") { Description = "Optimiser steps (overrides --epochs)" };
        var batch = new Option<int>("--batch-size") { Description = "Rows per micro-batch", DefaultValueFactory = _ => 32 };
        var accumulation = new Option<int>("--grad-accum") { Description = "Micro-batches per optimiser step", DefaultValueFactory = _ => 1 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW)", DefaultValueFactory = _ => 1e-3 };
        var warmup = new Option<long>("--warmup") { Description = "Warm-up steps (default 6% of the run)", DefaultValueFactory = _ => -1 };
        var clip = new Option<double>("--clip") { Description = "Gradient clipping: max global L2 norm (0 = off)", DefaultValueFactory = _ => 1.0 };
        var weightDecay = new Option<double>("--weight-decay") { Description = "AdamW weight decay", DefaultValueFactory = _ => 0.01 };
        var seed = new Option<long>("--seed") { Description = "Seed for initialisation, data order, dropout and routing noise", DefaultValueFactory = _ => 42 };
        var evalEvery = new Option<int>("--eval-every") { Description = "Validate every N steps", DefaultValueFactory = _ => 250 };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Checkpoint every N steps", DefaultValueFactory = _ => 500 };
        var patience = new Option<int>("--patience") { Description = "Stop after N validations without a better --select-by figure (0 = never)", DefaultValueFactory = _ => 5 };
        var selectBy = new Option<string>("--select-by") { Description = "Validation figure that picks the kept model: people-ap (inappropriate AP on rows written by people), ap, or loss", DefaultValueFactory = _ => "people-ap" };
        selectBy.AcceptOnlyFromAmong([.. CheckpointMetrics.ByName.Keys]);
        var maxMinutes = new Option<double>("--max-minutes") { Description = "Stop (with a checkpoint) after this many minutes; 0 = no limit" };
        var noAnneal = new Option<bool>("--no-anneal") { Description = "Ablation: hold router τ and language T at their final values" };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its latest checkpoint, with its original settings" };
        var trackingUri = new Option<string?>("--tracking-uri") { Description = "MLflow tracking URI: a directory, file:///…, or http(s)://… (default: $MLFLOW_TRACKING_URI, else ./mlruns)" };
        var experiment = new Option<string>("--experiment") { Description = "MLflow experiment name", DefaultValueFactory = _ => "moderation" };
        var runName = new Option<string?>("--run-name") { Description = "MLflow run name (default: the run directory's name)" };
        var moeAux = new Option<double?>("--moe-aux-loss") { Description = "MoE load-balancing loss coefficient (default: the preset's 0.01)" };
        var balance = new Option<bool>("--balance-categories") { Description = "Weight category positives by negatives/positives (capped at 10) in the category loss" };
        var categoryWeight = new Option<double>("--category-loss-weight") { Description = "Weight of the category loss against the family loss (the category task's share)", DefaultValueFactory = _ => 1.0 };
        var pooling = new Option<string>("--category-pooling") { Description = "What the category head reads: cls (the <s> token) or mean-max (masked mean and max over all tokens)", DefaultValueFactory = _ => "cls" };
        pooling.AcceptOnlyFromAmong("cls", "mean-max");
        var ema = new Option<double>("--ema-decay") { Description = "Validate, keep and export an exponential moving average of the weights with this decay (e.g. 0.999); 0 = off" };
        var holdBudget = new Option<double>("--hold-budget") { Description = "Hold bands chosen together so at most this share of clean people-written validation rows is held or rejected", DefaultValueFactory = _ => Evaluation.HoldBudget.Default };
        var perCategoryHold = new Option<bool>("--per-category-hold") { Description = "Ablation: each category holds down to 95% recall on its own (at most 3 rows per positive) instead of --hold-budget" };
        var labelledShare = new Option<double>("--labelled-share") { Description = "Probability that a training row is drawn from the people-written rows of labelled sources (0 = by language only)" };
        var charNgrams = new Option<bool>("--char-ngrams") { Description = "Add a hashed character 1–5-gram embedding bag beside the transformer, read by the family and category heads" };
        var ngramBuckets = new Option<int>("--char-ngram-buckets") { Description = "Rows of the n-gram hash table (with --char-ngrams)", DefaultValueFactory = _ => new Model.CharNgramConfig().Buckets };
        var ngramDim = new Option<int>("--char-ngram-dim") { Description = "Width of each n-gram embedding (with --char-ngrams)", DefaultValueFactory = _ => new Model.CharNgramConfig().Dimension };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0 = its default)" };
        var command = new Command("train", "Train the moderation model on a corpus (checkpoints, --resume, MLflow tracking)")
        {
            corpus, preset, baseModel, loraRank, device, output, tokenizer, vocab, epochs, maxSteps, batch, accumulation, lr, warmup, clip,
            weightDecay, seed, evalEvery, checkpointEvery, patience, selectBy, maxMinutes, noAnneal, resume, trackingUri, experiment, runName, moeAux, balance, categoryWeight, pooling, ema, holdBudget, perCategoryHold, labelledShare, charNgrams, ngramBuckets, ngramDim, threads,
        };
        command.SetAction(async (parse, _) =>
        {
            // First Ctrl-C: finish the step, checkpoint, exit 130. A second one ends the process at once.
            using var interrupt = new ConsoleInterrupt(
                () => AnsiConsole.MarkupLine("[yellow]interrupt: finishing the current step and writing a checkpoint (Ctrl-C again to abort)[/]"));
            try
            {
                var outDir = parse.GetValue(output)!;
                Func<ITrainingObserver, TrainingOutcome> run;
                if (parse.GetValue(resume))
                {
                    double? minutes = parse.GetResult(maxMinutes) is { Implicit: false } ? parse.GetValue(maxMinutes) : null;
                    run = observer => TrainingRun.Resume(outDir, observer, interrupt.Token, minutes);
                }
                else
                {
                    var corpusDir = parse.GetValue(corpus) ?? throw new TrainingSetupException("--corpus is required (unless --resume)");
                    if (!parse.GetValue(charNgrams) && (parse.GetResult(ngramBuckets) is { Implicit: false } || parse.GetResult(ngramDim) is { Implicit: false }))
                    {
                        // A table size without the branch would be silently ignored: say so instead.
                        throw new TrainingSetupException("--char-ngram-buckets and --char-ngram-dim need --char-ngrams");
                    }

                    var options = new TrainOptions
                    {
                        Corpus = corpusDir, Out = outDir, Preset = parse.GetValue(preset)!, BaseModel = parse.GetValue(baseModel), LoraRank = parse.GetValue(loraRank),
                        Device = parse.GetValue(device)!, Tokenizer = parse.GetValue(tokenizer), VocabSize = parse.GetValue(vocab), Epochs = parse.GetValue(epochs),
                        MaxSteps = parse.GetValue(maxSteps), BatchSize = parse.GetValue(batch), GradientAccumulation = parse.GetValue(accumulation),
                        LearningRate = parse.GetValue(lr), WarmupSteps = parse.GetValue(warmup), ClipNorm = parse.GetValue(clip), WeightDecay = parse.GetValue(weightDecay),
                        Seed = parse.GetValue(seed), EvalEvery = parse.GetValue(evalEvery), CheckpointEvery = parse.GetValue(checkpointEvery), Patience = parse.GetValue(patience),
                        SelectBy = CheckpointMetrics.ByName[parse.GetValue(selectBy)!],
                        MaxMinutes = parse.GetValue(maxMinutes), NoAnneal = parse.GetValue(noAnneal), TrackingUri = parse.GetValue(trackingUri),
                        Experiment = parse.GetValue(experiment)!, RunName = parse.GetValue(runName), MoeAuxLoss = parse.GetValue(moeAux), BalanceCategories = parse.GetValue(balance), CategoryLossWeight = parse.GetValue(categoryWeight),
                        CategoryPooling = parse.GetValue(pooling) == "mean-max" ? Model.CategoryPooling.MeanMax : Model.CategoryPooling.Cls, EmaDecay = parse.GetValue(ema), HoldBudget = parse.GetValue(perCategoryHold) ? null : parse.GetValue(holdBudget), LabelledShare = parse.GetValue(labelledShare), Threads = parse.GetValue(threads),
                        CharNgrams = parse.GetValue(charNgrams), CharNgramBuckets = parse.GetValue(ngramBuckets), CharNgramDimension = parse.GetValue(ngramDim),
                    };
                    options.Validate();
                    run = observer => TrainingRun.Start(options, observer, interrupt.Token);
                }

                var outcome = RunWithDisplay(run);
                Summarise(outcome);
                return outcome.Reason == StopReason.Cancelled ? Interrupted : 0;
            }
            catch (Exception e) when (e is TrainingSetupException or Native.TorchNativeException or IOException or UnauthorizedAccessException or InvalidDataException or MlflowRestException or HttpRequestException or Moderation.Datasets.BuildException or ArgumentException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message.ReplaceLineEndings(" "));
                return 1;
            }
            catch (System.Runtime.InteropServices.ExternalException e)
            {
                // libtorch's own failures (its message runs on with a C++ stack): the run is already marked FAILED and its
                // checkpoints are intact, so say where it can go on from rather than print the stack.
                var first = e.Message.Split('\n', 2)[0].Trim();
                var outDir = parse.GetValue(output)!;
                var latest = TrainingCheckpoint.Latest(outDir);
                var next = latest is null ? "no checkpoint was written yet" : $"continue from {latest} with `moderation train --resume --out {outDir}`";
                await Console.Error.WriteLineAsync($"error: libtorch failed: {first}; {next}");
                return 1;
            }
        });
        return command;
    }

    private static TrainingOutcome RunWithDisplay(Func<ITrainingObserver, TrainingOutcome> run)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            return run(new TrainingProgressDisplay(null, 50));
        }

        TrainingOutcome? outcome = null;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("preparing", maxValue: 1);
                outcome = run(new TrainingProgressDisplay(task, 50));
            });
        return outcome!;
    }

    private static void Summarise(TrainingOutcome outcome)
    {
        var best = outcome.State.BestValidation;
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            $"[green]{outcome.Reason}[/] at step {outcome.State.Step}/{outcome.State.TotalSteps} in {TimeSpan.FromSeconds(outcome.State.ElapsedSeconds):hh\\:mm\\:ss}; run {outcome.RunId} in {Markup.Escape(outcome.RunDirectory)}");
        if (best is not null)
        {
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                $"best validation @ {outcome.State.BestStep}: loss {best.Loss:F4}, family acc {best.FamilyAccuracy:P2}, inappropriate P {best.InappropriatePrecision:P1} R {best.InappropriateRecall:P1}, expert load CV {best.ExpertLoadCv:F3}");
        }

        if (outcome.Checkpoint is not null)
        {
            AnsiConsole.MarkupLine($"checkpoint: {Markup.Escape(outcome.Checkpoint)}");
        }

        if (NoGcRegion.Refused + NoGcRegion.Overflowed > 0)
        {
            // Those steps ran with collection allowed, exposed to the Scalar race NoGcRegion guards against.
            AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                $"[yellow]collection could not be held off for {NoGcRegion.Refused} step(s) and ran inside {NoGcRegion.Overflowed}[/]");
        }
    }
}
