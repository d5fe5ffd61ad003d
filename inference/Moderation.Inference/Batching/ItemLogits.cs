namespace Moderation.Inference.Batching;

/// <summary>One text's raw logits, cut from its batch's output.</summary>
public readonly record struct ItemLogits(float[] Family, float[] Category);
