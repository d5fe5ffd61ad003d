namespace Moderation.Inference.Swapping;

/// <summary>What a swap did: the version now serving and the one it replaced (null at start-up).</summary>
public sealed record SwapResult(string ModelVersion, string? PreviousVersion);
