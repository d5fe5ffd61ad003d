using System.Globalization;
using System.Text.Json;
using Moderation.Datasets.Corpus;
using Moderation.Training.Baseline;
using Moderation.Training.Evaluation;
using Moderation.Training.Training;
using Spectre.Console;

namespace Moderation.Training.Cli;

/// <summary>
/// One `moderation eval` (or `baseline eval`): read the data, pick the thresholds (validation data chooses
/// them; test data reads them), predict with a progress bar, compute every figure, write the report.
/// </summary>
internal static class EvaluationSession
{
    public sealed record Request(
        string Model, string Data, string? Split, string Out, double TargetPrecision, string? ThresholdsFile, IReadOnlyList<string> CompareWith,
        bool FirstWindowOnly = false, double BaseRate = BaseRatePrecision.DefaultBaseRate, int? SentencesAbove = null, bool WritePredictions = false, double? HoldBudget = null);

    public static EvaluationResult Run(Request request)
    {
        if (!File.Exists(request.Data))
        {
            throw new EvaluationException($"no data file '{request.Data}'");
        }

        if (request.BaseRate is <= 0 or >= 1)
        {
            throw new EvaluationException($"--base-rate must be in (0, 1); got {request.BaseRate.ToString(CultureInfo.InvariantCulture)}");
        }

        if (request.TargetPrecision is <= 0 or > 1)
        {
            throw new EvaluationException($"--target-precision must be in (0, 1]; got {request.TargetPrecision.ToString(CultureInfo.InvariantCulture)}");
        }

        if (request.HoldBudget is < 0 or > 1)
        {
            throw new EvaluationException($"--hold-budget must be in [0, 1]; got {request.HoldBudget.Value.ToString(CultureInfo.InvariantCulture)}");
        }

        var comparisons = request.CompareWith.Select(MetricsJson.ReadHeadline).ToArray();
        var (rows, split) = ReadRows(request.Data, request.Split);
        var (predictor, modelDirectory) = LoadPredictor(request.Model, request.FirstWindowOnly, request.SentencesAbove);
        try
        {
            Directory.CreateDirectory(request.Out);
            var predictions = Predict(predictor, rows, $"predicting {rows.Count} {split} rows");
            var (thresholds, source) = ResolveThresholds(request, predictor, predictions, split, modelDirectory);
            var result = Evaluator.Evaluate(predictions, thresholds, request.Data, split, source, request.BaseRate);
            result = result with
            {
                DataSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(request.Data))),
                Comparison = comparisons.Length == 0 ? null : [MetricsJson.Headline(result), .. comparisons],
            };
            ReportWriter.Write(result, request.Out);
            if (request.WritePredictions)
            {
                PredictionsFile.Write(predictions, Path.Combine(request.Out, PredictionsFile.FileName));
            }

            return result;
        }
        finally
        {
            (predictor as IDisposable)?.Dispose();
        }
    }

    /// <summary>A directory with baseline.json is an ML.NET baseline; anything else is a transformer run or checkpoint.</summary>
    public static (IPredictor Predictor, string? Directory) LoadPredictor(string model, bool firstWindowOnly = false, int? sentencesAbove = null)
    {
        if (Directory.Exists(model) && File.Exists(Path.Combine(model, BaselineManifest.FileName)))
        {
            return (BaselinePredictor.Load(model), model);
        }

        var transformer = TransformerPredictor.Load(model, firstWindowOnly, sentencesAbove);
        return (transformer, transformer.RunDirectory);
    }

    public static PredictionSet Predict(IPredictor predictor, IReadOnlyList<CorpusRow> rows, string description)
    {
        PredictionSet? predictions = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(description), maxValue: Math.Max(rows.Count, 1));
                predictions = predictor.Predict(rows, new TaskProgress(task));
                task.Value = task.MaxValue;
            });
        return predictions!;
    }

    public static (IReadOnlyList<CorpusRow> Rows, string Split) ReadRows(string path, string? split)
    {
        List<CorpusRow> rows;
        try
        {
            rows = [.. CorpusJson.Read(path)];
        }
        catch (JsonException e)
        {
            throw new EvaluationException($"{path}: not a corpus JSONL file (line {e.LineNumber + 1}: {e.Message})", e);
        }

        if (split is not null)
        {
            if (!Splits.All.Contains(split))
            {
                throw new EvaluationException($"unknown split '{split}' (known: {string.Join(", ", Splits.All)})");
            }

            rows = [.. rows.Where(r => r.Split == split)];
        }

        if (rows.Count == 0)
        {
            throw new EvaluationException($"{path} has no rows{(split is null ? "" : $" of split '{split}'")}");
        }

        var splits = rows.Select(r => r.Split).Distinct().ToArray();
        return (rows, split ?? (splits.Length == 1 ? splits[0] : "mixed"));
    }

    private static (Thresholds Thresholds, string Source) ResolveThresholds(
        Request request, IPredictor predictor, PredictionSet predictions, string split, string? modelDirectory)
    {
        var beside = modelDirectory is null ? null : Path.Combine(modelDirectory, RunDirectory.ThresholdsFile);
        if (split == Splits.Validation)
        {
            var chosen = Thresholds.Choose(predictions, request.TargetPrecision, request.HoldBudget);
            chosen.Save(Path.Combine(request.Out, RunDirectory.ThresholdsFile));
            var note = SaveBesideModel(chosen, beside);
            return (chosen, $"chosen on this validation data{note}");
        }

        if (request.ThresholdsFile is { } file)
        {
            return File.Exists(file) ? (Thresholds.Load(file), $"`{file}`") : throw new EvaluationException($"no thresholds file '{file}'");
        }

        if (beside is not null && File.Exists(beside) && Thresholds.Load(beside) is { IsDefault: false } fromRun)
        {
            return (fromRun, $"`{beside}` (chosen on validation)");
        }

        // No thresholds yet: choose them on the validation split next to the data, as training would have.
        var validationPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(request.Data))!, Splits.FileName(Splits.Validation));
        if (File.Exists(validationPath))
        {
            var (validationRows, _) = ReadRows(validationPath, Splits.Validation);
            var validation = Predict(predictor, validationRows, $"predicting {validationRows.Count} validation rows for thresholds");
            var chosen = Thresholds.Choose(validation, request.TargetPrecision, request.HoldBudget);
            chosen.Save(Path.Combine(request.Out, RunDirectory.ThresholdsFile));
            var note = SaveBesideModel(chosen, beside);
            return (chosen, $"chosen on `{validationPath}`{note}");
        }

        AnsiConsole.MarkupLine("[yellow]no thresholds.json and no validation split beside the data: using 0.5 everywhere[/]");
        return (Thresholds.Fallback(predictions.Categories, request.TargetPrecision), "fallback 0.5 (no validation thresholds found)");
    }

    /// <summary>Writes thresholds.json into the run or baseline directory unless one chosen on validation is already there.</summary>
    private static string SaveBesideModel(Thresholds thresholds, string? path)
    {
        if (path is null || (File.Exists(path) && !Thresholds.Load(path).IsDefault))
        {
            return "";
        }

        thresholds.Save(path);
        return $", written to `{path}`";
    }

    public static void PrintSummary(EvaluationResult result, string outDirectory)
    {
        var table = new Table().AddColumns("figure", "all", "real", "synthetic");
        table.AddRow("rows", Int(result.All.Rows), Int(result.Real?.Rows), Int(result.Synthetic?.Rows));
        table.AddRow("family accuracy", Pct(result.All.Family.Accuracy), Pct(result.Real?.Family.Accuracy), Pct(result.Synthetic?.Family.Accuracy));
        table.AddRow("inappropriate precision", Pct(result.All.Inappropriate.Precision), Pct(result.Real?.Inappropriate.Precision), Pct(result.Synthetic?.Inappropriate.Precision));
        table.AddRow("inappropriate recall", Pct(result.All.Inappropriate.Recall), Pct(result.Real?.Inappropriate.Recall), Pct(result.Synthetic?.Inappropriate.Recall));
        table.AddRow("inappropriate AP", Num(result.All.Inappropriate.AveragePrecision), Num(result.Real?.Inappropriate.AveragePrecision), Num(result.Synthetic?.Inappropriate.AveragePrecision));
        table.AddRow("family ECE", Num(result.All.Family.Ece), Num(result.Real?.Family.Ece), Num(result.Synthetic?.Family.Ece));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
            $"expert load CV {Num(result.ExpertLoadCv)}; inappropriate reject threshold {result.All.Inappropriate.RejectThreshold:0.000}; report in [green]{Markup.Escape(outDirectory)}[/]");
    }

    private static string Int(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Pct(double? value) => value is { } v ? (100 * v).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "-";

    private static string Num(double? value) => value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "-";
}
