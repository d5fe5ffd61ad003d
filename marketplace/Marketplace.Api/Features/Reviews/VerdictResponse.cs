namespace Marketplace.Api.Features.Reviews;

/// <summary>One audit row as the admin queue shows it.</summary>
public sealed record VerdictResponse(
    string Action,
    string Source,
    string? ModelVersion,
    string? FamilyLabel,
    float? FamilyScore,
    ReviewScores? Categories,
    string? Note,
    string Actor,
    DateTimeOffset CreatedAt)
{
    public static VerdictResponse From(ReviewVerdict verdict) => new(
        verdict.Action, verdict.Source, verdict.ModelVersion, verdict.FamilyLabel, verdict.FamilyScore,
        verdict.Scores, verdict.Note, verdict.Actor, verdict.CreatedAt);
}
