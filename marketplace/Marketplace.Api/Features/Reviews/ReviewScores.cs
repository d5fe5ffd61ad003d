using System.Text.Json.Serialization;
using Moderation.Contracts;
using Moderation.Taxonomy;

namespace Marketplace.Api.Features.Reviews;

/// <summary>The five category scores of a verdict, as stored on the review and sent to clients.</summary>
public sealed record ReviewScores(
    float Abuse,
    float Sexual,
    float Scam,
    float Spam,
    [property: JsonPropertyName(Categories.PersonalInfo)] float PersonalInfo)
{
    public static ReviewScores From(CategoryScores scores) =>
        new(scores.Abuse, scores.Sexual, scores.Scam, scores.Spam, scores.PersonalInfo);

    /// <summary>The scores stored as five nullable columns; null unless all five are there.</summary>
    public static ReviewScores? FromColumns(float? abuse, float? sexual, float? scam, float? spam, float? personalInfo) =>
        abuse is { } a && sexual is { } se && scam is { } sc && spam is { } sp && personalInfo is { } pi
            ? new ReviewScores(a, se, sc, sp, pi)
            : null;

    /// <summary>Each category with its score, in the contract's names.</summary>
    public IEnumerable<(string Category, float Score)> ByCategory()
    {
        yield return (Categories.Abuse, Abuse);
        yield return (Categories.Sexual, Sexual);
        yield return (Categories.Scam, Scam);
        yield return (Categories.Spam, Spam);
        yield return (Categories.PersonalInfo, PersonalInfo);
    }
}
