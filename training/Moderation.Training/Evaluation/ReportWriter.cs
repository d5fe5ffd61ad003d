namespace Moderation.Training.Evaluation;

/// <summary>Writes a report directory: metrics.json, the PNG charts and report.md that shows them.</summary>
public static class ReportWriter
{
    public static void Write(EvaluationResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        MetricsJson.Write(result, Path.Combine(directory, MetricsJson.FileName));
        var charts = ReportPlots.WriteAll(result, directory);
        File.WriteAllText(Path.Combine(directory, MarkdownReport.FileName), MarkdownReport.Render(result, charts));
    }
}
