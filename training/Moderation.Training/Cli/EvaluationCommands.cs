using System.CommandLine;
using System.Text.Json;
using Moderation.Datasets.Corpus;
using Moderation.Training.Baseline;
using Moderation.Training.Evaluation;
using Moderation.Training.Training;
using Spectre.Console;

namespace Moderation.Training.Cli;

/// <summary>`moderation eval` and `moderation baseline train|eval`.</summary>
public static class EvaluationCommands
{
    public static IEnumerable<Command> Create() => [EvalCommand(), BaselineCommand()];

    private static Command EvalCommand()
    {
        var model = new Option<string>("--model") { Description = "Run directory, checkpoint directory, model.safetensors, or a baseline directory", Required = true };
        var command = new Command("eval", "Evaluate a model on a corpus JSONL file: Markdown report with plots, metrics.json") { model };
        AddEvalOptions(command, model);
        return command;
    }

    private static Command BaselineCommand()
    {
        var corpus = new Option<string>("--corpus") { Description = "Corpus directory (train.jsonl; validation.jsonl chooses thresholds)", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory for the baseline models", Required = true };
        var target = new Option<double>("--target-precision") { Description = "Precision the reject thresholds aim for on validation", DefaultValueFactory = _ => 0.8 };
        var trainer = new Option<BaselineLinearTrainer>("--category-trainer") { Description = "Optimiser of the per-category logistic regressions: sdca or lbfgs", DefaultValueFactory = _ => BaselineLinearTrainer.Lbfgs };
        var train = new Command("train", "Train the ML.NET baseline (text n-grams + linear classifiers) on a corpus") { corpus, output, target, trainer };
        train.SetAction(parse => Guard(() => TrainBaseline(parse.GetValue(corpus)!, parse.GetValue(output)!, parse.GetValue(target), parse.GetValue(trainer))));

        var model = new Option<string>("--model") { Description = "Baseline directory written by `baseline train`", Required = true };
        var eval = new Command("eval", "Evaluate the ML.NET baseline with the same report as `moderation eval`") { model };
        AddEvalOptions(eval, model);
        return new Command("baseline", "The ML.NET baseline beside the transformer") { train, eval };
    }

    private static void AddEvalOptions(Command command, Option<string> model)
    {
        var data = new Option<string>("--data") { Description = "Corpus JSONL file (e.g. CORPUS/test.jsonl)", Required = true };
        var split = new Option<string?>("--split") { Description = "Keep only rows of this split (test|validation); validation chooses and writes thresholds.json" };
        var output = new Option<string>("--out") { Description = "Report directory (report.md, metrics.json, *.png)", Required = true };
        var target = new Option<double>("--target-precision") { Description = "Precision the reject thresholds aim for when they are chosen here", DefaultValueFactory = _ => 0.8 };
        var thresholds = new Option<string?>("--thresholds") { Description = "thresholds.json to use instead of the model's" };
        var compare = new Option<string[]>("--baseline") { Description = "Another model's metrics.json to show side by side (repeatable)", DefaultValueFactory = _ => [] };
        var baseRate = new Option<double>("--base-rate") { Description = "Share of inappropriate reviews in deployment; the report gives precision at this rate beside the split's own", DefaultValueFactory = _ => BaseRatePrecision.DefaultBaseRate };
        var sentencesAbove = new Option<int?>("--sentences-above") { Description = "Ablation: score sentences apart in texts of more than N tokens (default: half the model's window, as the service does)" };
        var firstWindow = new Option<bool>("--first-window-only") { Description = "Ablation: score each text's first window alone (before whole-text verdicts) instead of windows and sentences as the service does" };
        var writePredictions = new Option<bool>("--predictions") { Description = $"Also write every row's scores to OUT/{PredictionsFile.FileName} (for error analysis)" };
        var holdBudget = new Option<double>("--hold-budget") { Description = "When thresholds are chosen here: hold bands chosen together so at most this share of clean people-written validation rows is held or rejected", DefaultValueFactory = _ => HoldBudget.Default };
        var perCategoryHold = new Option<bool>("--per-category-hold") { Description = "Ablation, when thresholds are chosen here: each category holds down to 95% recall on its own instead of --hold-budget" };
        command.Options.Add(holdBudget);
        command.Options.Add(perCategoryHold);
        command.Options.Add(data);
        command.Options.Add(writePredictions);
        command.Options.Add(split);
        command.Options.Add(output);
        command.Options.Add(target);
        command.Options.Add(thresholds);
        command.Options.Add(compare);
        command.Options.Add(firstWindow);
        command.Options.Add(baseRate);
        command.Options.Add(sentencesAbove);
        command.SetAction(parse => Guard(() =>
        {
            var request = new EvaluationSession.Request(
                parse.GetValue(model)!, parse.GetValue(data)!, parse.GetValue(split), parse.GetValue(output)!,
                parse.GetValue(target), parse.GetValue(thresholds), parse.GetValue(compare) ?? [], parse.GetValue(firstWindow), parse.GetValue(baseRate), parse.GetValue(sentencesAbove), parse.GetValue(writePredictions), parse.GetValue(perCategoryHold) ? null : parse.GetValue(holdBudget));
            var result = EvaluationSession.Run(request);
            EvaluationSession.PrintSummary(result, request.Out);
        }));
    }

    private static void TrainBaseline(string corpus, string output, double targetPrecision, BaselineLinearTrainer trainer)
    {
        var trainPath = Path.Combine(corpus, Splits.FileName(Splits.Train));
        if (!File.Exists(trainPath))
        {
            throw new EvaluationException($"no {Splits.FileName(Splits.Train)} in '{corpus}'");
        }

        var (rows, _) = EvaluationSession.ReadRows(trainPath, null);
        BaselineManifest? manifest = null;
        AnsiConsole.Status().Start("training baseline", ctx =>
        {
            manifest = new BaselineTrainer(categoryTrainer: trainer, log: message =>
            {
                ctx.Status(Markup.Escape(message));
                AnsiConsole.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
            }).Train(rows, output, corpus);
        });

        var validationPath = Path.Combine(corpus, Splits.FileName(Splits.Validation));
        if (File.Exists(validationPath))
        {
            var (validationRows, _) = EvaluationSession.ReadRows(validationPath, null);
            var predictions = EvaluationSession.Predict(BaselinePredictor.Load(output), validationRows, $"predicting {validationRows.Count} validation rows for thresholds");
            Thresholds.Choose(predictions, targetPrecision, HoldBudget.Default).Save(Path.Combine(output, RunDirectory.ThresholdsFile));
        }

        AnsiConsole.MarkupLine(System.Globalization.CultureInfo.InvariantCulture,
            $"baseline trained on {manifest!.TrainRows} rows in {manifest.TrainSeconds:0.0} s; written to [green]{Markup.Escape(output)}[/]");
    }

    // Bad input ends the command with one line on stderr and exit code 1.
    private static int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is EvaluationException or Native.TorchNativeException or IOException or UnauthorizedAccessException or InvalidDataException or JsonException or ArgumentException)
        {
            Console.Error.WriteLine("error: " + e.Message.ReplaceLineEndings(" "));
            return 1;
        }
    }
}
