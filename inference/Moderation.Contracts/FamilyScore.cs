namespace Moderation.Contracts;

/// <summary>The most likely language family and its softmax probability.</summary>
public sealed record FamilyScore(string Label, float Score);
