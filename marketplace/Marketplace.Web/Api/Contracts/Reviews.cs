using System.Text.Json.Serialization;

namespace Marketplace.Web.Api.Contracts;

public sealed record ReviewScores(
    float Abuse, float Sexual, float Scam, float Spam, [property: JsonPropertyName("personal_info")] float PersonalInfo)
{
    public IEnumerable<(string Category, float Score)> ByCategory()
    {
        yield return ("abuse", Abuse);
        yield return ("sexual", Sexual);
        yield return ("scam", Scam);
        yield return ("spam", Spam);
        yield return ("personal_info", PersonalInfo);
    }
}

public sealed record VerdictResponse(
    string Action, string Source, string? ModelVersion, string? FamilyLabel, float? FamilyScore, ReviewScores? Categories,
    string? Note, string Actor, DateTimeOffset CreatedAt);

public sealed record ReviewResponse(
    Guid Id, Guid OrderId, Guid ListingId, Guid SellerId, Guid AuthorId, int Rating, string Text, string Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ModeratedAt, string? LanguageFamily, ReviewScores? Categories,
    IReadOnlyList<string>? RejectedCategories, bool Appealed, string? ModelVersion)
{
    public VerdictResponse? LatestVerdict { get; init; }
}

public sealed record SubmitReviewRequest(int? Rating, string? Text);

public sealed record SubmittedReview(Guid ReviewId, string Status);

public sealed record ReviewDecisionRequest(string? Decision, string? Note);

public sealed record SellerRatingResponse(Guid SellerId, int ReviewCount, double AverageRating);

public sealed record RemoderationRequest(IReadOnlyList<string>? Statuses, int? Limit, bool? DryRun);

public sealed record ActionChange(string From, string To, int Count);

public sealed record RemoderationReport(bool DryRun, IReadOnlyList<string> Statuses, int Scored, int Refused, int Unchanged, IReadOnlyList<ActionChange> Changes, int PulledBack);

/// <summary>The review statuses the API names.</summary>
public static class ReviewStatuses
{
    public const string Pending = "PENDING";
    public const string Published = "PUBLISHED";
    public const string Held = "HELD";
    public const string Rejected = "REJECTED";

    public static string Label(string status) => status switch
    {
        Pending => "Being checked",
        Published => "Published",
        Held => "Waiting for a moderator",
        Rejected => "Rejected",
        _ => status,
    };
}
