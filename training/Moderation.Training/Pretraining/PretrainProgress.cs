namespace Moderation.Training.Pretraining;

/// <summary>Where a pretraining run is: after each step, and with the held-out figures after each evaluation.</summary>
public sealed record PretrainProgress(long Step, long TotalSteps, double TrainLoss, double TrainAccuracy, TimeSpan Elapsed, PretrainEvaluation? Evaluation);

/// <summary>Masked-token loss and accuracy on the held-out validation rows (the same masks every time).</summary>
public sealed record PretrainEvaluation(long Step, double Loss, double Accuracy, double TrainLoss);

/// <summary>How a run ended and where its checkpoint is.</summary>
public sealed record PretrainOutcome(string Directory, long Steps, TimeSpan Elapsed, string StopReason, string RunId, IReadOnlyList<PretrainEvaluation> History, int TrainRows);
