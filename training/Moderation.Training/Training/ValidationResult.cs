namespace Moderation.Training.Training;

/// <summary>
/// Validation figures the trainer needs for early stopping and logging: the supervised loss (no MoE
/// auxiliary terms), family accuracy, and `inappropriate` (max category probability ≥ 0.5) precision
/// and recall, its average precision on all rows and on rows written by people (what <see cref="CheckpointMetric"/>
/// selects on); the full evaluation lives in `moderation eval`.
/// </summary>
public sealed record ValidationResult(
    double Loss, double FamilyAccuracy, double InappropriatePrecision, double InappropriateRecall, double ExpertLoadCv, int Rows,
    double? InappropriateAp = null, double? PeopleInappropriateAp = null);
