namespace Moderation.Inference.Swapping;

/// <summary>Another bundle is being verified and warmed; swaps run one at a time.</summary>
public sealed class SwapInProgressException() : Exception("another bundle swap is in progress");
