using System.Text.Json.Serialization;

namespace Moderation.Inference.Api;

/// <summary>One item of <see cref="ModerateRequestBody"/> as sent, before validation.</summary>
public sealed record ModerateItemBody(string? Id, [property: JsonConverter(typeof(LenientTextConverter))] string? Text);
