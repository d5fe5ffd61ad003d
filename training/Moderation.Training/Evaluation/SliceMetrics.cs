namespace Moderation.Training.Evaluation;

/// <summary>
/// Figures of one slice of the data (one source or one language, within rows written by people or generated rows):
/// where the model fails. <see cref="Labels"/> holds <c>inappropriate</c> and each category.
/// </summary>
public sealed record SliceMetrics(
    string Origin,
    string Kind,
    string Name,
    int Rows,
    double? FamilyAccuracy,
    IReadOnlyDictionary<string, LabelSlice> Labels)
{
    public const string People = "people";
    public const string Generated = "generated";
    public const string BySource = "source";
    public const string ByLanguage = "language";
}

/// <summary>A label within a slice: its positives, average precision, and the best recall at the target precision.</summary>
public sealed record LabelSlice(int Positives, double? AveragePrecision, double? RecallAtTargetPrecision);
