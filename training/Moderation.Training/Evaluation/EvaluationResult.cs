namespace Moderation.Training.Evaluation;

/// <summary>
/// Every figure of one evaluation (metrics.json). The top-level headline keys repeat the `all` subset's
/// figures so a script can read them without knowing the layout.
/// </summary>
public sealed record EvaluationResult
{
    public required string Model { get; init; }
    public required string Data { get; init; }
    /// <summary>sha256 of the data file, so a report names the exact bytes it judged.</summary>
    public string? DataSha256 { get; init; }
    public required string Split { get; init; }
    public required int Rows { get; init; }
    public required double TargetPrecision { get; init; }
    /// <summary>Where the thresholds came from (a file, or "chosen on this validation data").</summary>
    public required string ThresholdsSource { get; init; }
    public required Thresholds Thresholds { get; init; }

    public double? FamilyAccuracy => All.Family.Accuracy;
    public double? InappropriateRecall => All.Inappropriate.Recall;
    public double? InappropriatePrecision => All.Inappropriate.Precision;
    public double? ExpertLoadCv => ExpertLoad?.Cv;

    public required SubsetMetrics All { get; init; }
    /// <summary>Rows written by people (any source but the generator); null when the data has none.</summary>
    public SubsetMetrics? Real { get; init; }
    /// <summary>Generated rows; null when the data has none.</summary>
    public SubsetMetrics? Synthetic { get; init; }
    public ExpertLoadMetrics? ExpertLoad { get; init; }
    /// <summary>Per source and per language, rows written by people apart from generated rows.</summary>
    public IReadOnlyList<SliceMetrics>? Slices { get; init; }
    /// <summary>Inappropriate precision at a deployment base rate beside the split's own, per subset.</summary>
    public IReadOnlyList<BaseRatePrecision>? BaseRates { get; init; }
    /// <summary>Other models' headline figures on the same data, for the side-by-side table.</summary>
    public IReadOnlyList<ComparisonRow>? Comparison { get; init; }
}

public sealed record SubsetMetrics(
    int Rows,
    FamilyMetrics Family,
    IReadOnlyDictionary<string, CategoryMetrics> Categories,
    double? CategoryEce,
    InappropriateMetrics Inappropriate);

public sealed record FamilyMetrics(
    double? Accuracy,
    double? MacroF1,
    double? Ece,
    IReadOnlyDictionary<string, LanguageAccuracy> PerLanguage,
    IReadOnlyDictionary<string, LabelMetrics> PerFamily,
    IReadOnlyList<string> ConfusionLabels,
    int[][] Confusion,
    IReadOnlyList<CalibrationBin> Calibration);

public sealed record LanguageAccuracy(string Family, int Rows, double? Accuracy);

public sealed record LabelMetrics(int Support, int Predicted, double? Precision, double? Recall, double? F1);

public sealed record CategoryMetrics(
    int Positives,
    double Threshold,
    double? Precision,
    double? Recall,
    double? F1,
    double? AveragePrecision,
    double? Ece,
    IReadOnlyList<CurvePoint> Curve);

/// <summary>
/// `inappropriate` (any category): precision/recall of max category score ≥ the inappropriate reject threshold,
/// and the service's rule (<see cref="PolicyMetrics"/>) with the per-category thresholds.
/// </summary>
public sealed record InappropriateMetrics(
    int Positives,
    double RejectThreshold,
    double HoldThreshold,
    double? Precision,
    double? Recall,
    double? F1,
    double? AveragePrecision,
    double? Ece,
    IReadOnlyList<CurvePoint> Curve,
    PolicyMetrics Policy);

/// <summary>
/// The per-category action rule: rejected rows' precision and recall, share of rows held for review,
/// and the share of inappropriate rows that would be published (neither rejected nor held).
/// </summary>
public sealed record PolicyMetrics(double? RejectPrecision, double? RejectRecall, double HeldShare, double? MissedShare);

public sealed record ExpertLoadMetrics(
    int Layers,
    int Experts,
    double? Cv,
    IReadOnlyList<double?> CvPerLayer,
    IReadOnlyList<double[]> SharesPerLayer,
    IReadOnlyDictionary<string, double[]> SharesByLanguage,
    IReadOnlyDictionary<string, double?> CvByLanguage);

public sealed record ComparisonRow(
    string Model,
    double? FamilyAccuracy,
    double? InappropriatePrecision,
    double? InappropriateRecall,
    double? InappropriateAveragePrecision,
    double? FamilyEce,
    double? ExpertLoadCv);
