namespace Moderation.Inference.Api;

/// <summary>
/// The wire shape of <c>POST /v1/moderate</c> with everything optional, so a missing field is reported as a
/// problem naming it rather than as a generic binding failure.
/// </summary>
public sealed record ModerateRequestBody(List<ModerateItemBody?>? Items);
