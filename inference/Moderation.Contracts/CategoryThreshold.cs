namespace Moderation.Contracts;

/// <summary>A category's thresholds: score ≥ <see cref="Reject"/> rejects, [<see cref="Hold"/>, <see cref="Reject"/>) holds.</summary>
public sealed record CategoryThreshold(double Reject, double Hold);
