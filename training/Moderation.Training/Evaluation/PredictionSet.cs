namespace Moderation.Training.Evaluation;

/// <summary>Everything a model said about a data file: per-row probabilities, and expert routing for an MoE model.</summary>
public sealed record PredictionSet(
    string Model,
    IReadOnlyList<string> Families,
    IReadOnlyList<string> Categories,
    IReadOnlyList<PredictedRow> Rows,
    ExpertRouting? Routing);
