using System.CommandLine;
using Moderation.Training.Pretraining;
using Moderation.Training.Tracking;
using Moderation.Training.Training;
using Spectre.Console;

namespace Moderation.Training.Cli;

/// <summary>`moderation pretrain`: masked-language-model pretraining of the encoder on corpus text, for `train --base-model`.</summary>
public static class PretrainCommand
{
    public static Command Create()
    {
        var defaults = new PretrainOptions { Corpus = "", Out = "" };
        var corpus = new Option<string?>("--corpus") { Description = "Corpus directory from `moderation data build` (its train split's text; labels unused); required unless --resume" };
        var output = new Option<string>("--out") { Description = "Directory for model.safetensors, config.json, sentencepiece.bpe.model and pretrain.json", Required = true };
        var preset = new Option<string>("--preset") { Description = "Model size: the preset `moderation train` will use", DefaultValueFactory = _ => defaults.Preset };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "SentencePiece model (default: the corpus's tokenizer.model)" };
        var baseModel = new Option<string?>("--base-model") { Description = "Start from this `moderation pretrain` output instead of random weights (continued pretraining, with a new schedule; same tokenizer and preset)" };
        var device = new Option<string>("--device") { Description = "cpu or cuda", DefaultValueFactory = _ => defaults.Device };
        var maxSteps = new Option<long>("--max-steps") { Description = "Optimiser steps (the learning rate decays to 0 over them)", DefaultValueFactory = _ => defaults.MaxSteps };
        var maxMinutes = new Option<double>("--max-minutes") { Description = "Stop after this many minutes (of this session) and write the model and a checkpoint; 0 = no limit" };
        var checkpointEvery = new Option<int>("--checkpoint-every") { Description = "Write a resumable checkpoint every N steps (0 = none)", DefaultValueFactory = _ => defaults.CheckpointEvery };
        var keepCheckpoints = new Option<int>("--keep-checkpoints") { Description = "Checkpoints kept (the newest)", DefaultValueFactory = _ => defaults.KeepCheckpoints };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out from its latest checkpoint with its original settings (--max-minutes bounds this session)" };
        var batch = new Option<int>("--batch-size") { Description = "Rows per step", DefaultValueFactory = _ => defaults.BatchSize };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (AdamW)", DefaultValueFactory = _ => defaults.LearningRate };
        var maskRate = new Option<double>("--mask-rate") { Description = "Share of tokens predicted (80% masked, 10% random, 10% kept)", DefaultValueFactory = _ => defaults.MaskRate };
        var seed = new Option<long>("--seed") { Description = "Seed for initialisation, data order and masks", DefaultValueFactory = _ => defaults.Seed };
        var evalEvery = new Option<int>("--eval-every") { Description = "Measure held-out masked-token loss every N steps", DefaultValueFactory = _ => defaults.EvalEvery };
        var evalRows = new Option<int>("--eval-rows") { Description = "Validation rows measured", DefaultValueFactory = _ => defaults.EvalRows };
        var moeAux = new Option<double?>("--moe-aux-loss") { Description = "MoE load-balancing loss coefficient (default: the preset's)" };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0 = its default)" };
        var trackingUri = new Option<string?>("--tracking-uri") { Description = "MLflow tracking URI (default: $MLFLOW_TRACKING_URI, else ./mlruns)" };
        var experiment = new Option<string>("--experiment") { Description = "MLflow experiment name", DefaultValueFactory = _ => defaults.Experiment };
        var command = new Command("pretrain", "Pretrain the encoder as a masked language model on corpus text; then `train --base-model OUT`")
        {
            corpus, output, preset, tokenizer, baseModel, device, maxSteps, maxMinutes, checkpointEvery, keepCheckpoints, resume, batch, lr, maskRate, seed, evalEvery, evalRows, moeAux, threads, trackingUri, experiment,
        };
        command.SetAction(async (parse, _) =>
        {
            using var interrupt = new ConsoleInterrupt();
            try
            {
                if (parse.GetValue(resume))
                {
                    var minutes = parse.GetValue(maxMinutes);
                    return Report(Run(null, parse.GetValue(output)!, minutes > 0 ? minutes : null, interrupt.Token));
                }

                var options = new PretrainOptions
                {
                    Corpus = parse.GetValue(corpus) ?? throw new TrainingSetupException("--corpus is required (unless --resume)"), Out = parse.GetValue(output)!, Preset = parse.GetValue(preset)!, Tokenizer = parse.GetValue(tokenizer), BaseModel = parse.GetValue(baseModel),
                    Device = parse.GetValue(device)!, MaxSteps = parse.GetValue(maxSteps), MaxMinutes = parse.GetValue(maxMinutes), BatchSize = parse.GetValue(batch),
                    LearningRate = parse.GetValue(lr), MaskRate = parse.GetValue(maskRate), Seed = parse.GetValue(seed), EvalEvery = parse.GetValue(evalEvery),
                    EvalRows = parse.GetValue(evalRows), MoeAuxLoss = parse.GetValue(moeAux), Threads = parse.GetValue(threads),
                    TrackingUri = parse.GetValue(trackingUri), Experiment = parse.GetValue(experiment)!,
                    CheckpointEvery = parse.GetValue(checkpointEvery), KeepCheckpoints = parse.GetValue(keepCheckpoints),
                };
                options.Validate();
                return Report(Run(options, options.Out, null, interrupt.Token));
            }
            catch (Exception e) when (e is TrainingSetupException or Native.TorchNativeException or IOException or UnauthorizedAccessException or InvalidDataException or MlflowRestException or HttpRequestException or ArgumentException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message.ReplaceLineEndings(" "));
                return 1;
            }
        });
        return command;
    }

    private static int Report(PretrainOutcome outcome)
    {
        var last = outcome.History.Count > 0 ? outcome.History[^1] : null;
        AnsiConsole.MarkupLine(
            $"pretrained {outcome.Steps} steps in {outcome.Elapsed.TotalMinutes:F1} min ({Markup.Escape(outcome.StopReason)}); held-out masked-token loss {last?.Loss:F3}, accuracy {last?.Accuracy:P1}");
        AnsiConsole.MarkupLine(outcome.StopReason == "steps"
            ? $"next: moderation train --base-model {Markup.Escape(outcome.Directory)} …"
            : $"continue: moderation pretrain --resume --out {Markup.Escape(outcome.Directory)} (its model so far is usable with train --base-model)");
        return outcome.StopReason == "cancelled" ? TrainCommand.Interrupted : 0;
    }

    /// <summary>Starts <paramref name="options"/>' run, or (options null) resumes the one in <paramref name="outDirectory"/>.</summary>
    private static PretrainOutcome Run(PretrainOptions? options, string outDirectory, double? resumeMinutes, CancellationToken cancellationToken)
    {
        PretrainOutcome Go(Action<PretrainProgress> progress, Action<string> log) => options is null
            ? Pretrainer.Resume(outDirectory, progress, log, cancellationToken, resumeMinutes)
            : Pretrainer.Run(options, progress, log, cancellationToken);

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Logs (CI, run.sh): a line per evaluation instead of a redrawn bar.
            return Go(p => { if (p.Evaluation is { } e) { Console.WriteLine(Line(p, e)); } }, Console.WriteLine);
        }

        PretrainOutcome? outcome = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("pretraining", maxValue: 1);
                outcome = Go(
                    p =>
                    {
                        task.MaxValue = p.TotalSteps;
                        task.Value = p.Step;
                        task.Description = $"step {p.Step} · loss {p.TrainLoss:F3} · acc {p.TrainAccuracy:P0}";
                        if (p.Evaluation is { } e)
                        {
                            AnsiConsole.MarkupLine(Markup.Escape(Line(p, e)));
                        }
                    },
                    m => AnsiConsole.MarkupLine(Markup.Escape(m)));
            });
        return outcome!;
    }

    private static string Line(PretrainProgress p, PretrainEvaluation e) =>
        $"step {p.Step}/{p.TotalSteps} ({p.Elapsed.TotalMinutes:F1} min): train loss {e.TrainLoss:F3}, held-out loss {e.Loss:F3}, accuracy {e.Accuracy:P1}";
}
