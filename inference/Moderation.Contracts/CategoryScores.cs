using System.Text.Json.Serialization;

namespace Moderation.Contracts;

/// <summary>Independent (sigmoid) probabilities of the five inappropriate-content categories.</summary>
public sealed record CategoryScores(
    float Abuse,
    float Sexual,
    float Scam,
    float Spam,
    [property: JsonPropertyName("personal_info")] float PersonalInfo);
