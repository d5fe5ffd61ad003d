namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// One audit row of <c>review_verdicts</c>: every verdict that touched a review (model or person), written in
/// the same transaction as the change it caused. Scores are null for decisions made without the model
/// (an admin's decision, an appeal, a text the service refused).
/// </summary>
public sealed class ReviewVerdict
{
    public long Id { get; set; }

    public Guid ReviewId { get; set; }

    public string? ModelVersion { get; set; }

    public string? FamilyLabel { get; set; }

    public float? FamilyScore { get; set; }

    public float? Abuse { get; set; }

    public float? Sexual { get; set; }

    public float? Scam { get; set; }

    public float? Spam { get; set; }

    public float? PersonalInfo { get; set; }

    /// <summary>The five scores, or null when there are none.</summary>
    public ReviewScores? Scores => ReviewScores.FromColumns(Abuse, Sexual, Scam, Spam, PersonalInfo);

    /// <summary>allow, hold or reject.</summary>
    public string Action { get; set; } = "";

    /// <summary>auto, admin, remoderation or appeal (<see cref="VerdictSources"/>).</summary>
    public string Source { get; set; } = "";

    public string? Note { get; set; }

    /// <summary><c>system:moderation</c>, <c>admin:{id}</c>, <c>author:{id}</c>.</summary>
    public string Actor { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
