namespace Moderation.Inference.Api;

/// <summary>Body of <c>POST /v1/admin/bundle</c>: a bundle directory on the service's machine.</summary>
public sealed record SwapBundleRequest(string? Path);
