namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The inference service as the admin status sees it: <see cref="Status"/> is the <c>inference</c> health check's
/// (Healthy, Degraded or Unhealthy, as <c>/readyz</c> reports it) with its description; <see cref="ModelVersion"/> the
/// bundle the service says it serves (<c>GET /v1/model</c>), null when it could not say in time.
/// </summary>
public sealed record InferenceStatus(string Status, string? Description, string? ModelVersion);
