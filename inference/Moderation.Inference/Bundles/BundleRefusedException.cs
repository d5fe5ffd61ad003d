namespace Moderation.Inference.Bundles;

/// <summary>A bundle that must not serve: wrong checksum, missing file, graph that does not load or answers wrongly.</summary>
public sealed class BundleRefusedException(string message, Exception? inner = null) : Exception(message, inner);
