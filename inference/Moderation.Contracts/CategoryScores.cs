using System.Text.Json.Serialization;
using Moderation.Taxonomy;

namespace Moderation.Contracts;

/// <summary>Independent (sigmoid) probabilities of the five inappropriate-content categories.</summary>
public sealed record CategoryScores(
    float Abuse,
    float Sexual,
    float Scam,
    float Spam,
    [property: JsonPropertyName(Categories.PersonalInfo)] float PersonalInfo);
