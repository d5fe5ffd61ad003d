using System.Text.Json.Serialization;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// A review as clients see it. <see cref="RejectedCategories"/> is filled for the author and admins only;
/// <see cref="LatestVerdict"/> only in the admin queue.
/// </summary>
public sealed record ReviewResponse(
    Guid Id,
    Guid OrderId,
    Guid ListingId,
    Guid SellerId,
    Guid AuthorId,
    int Rating,
    string Text,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ModeratedAt,
    string? LanguageFamily,
    ReviewScores? Categories,
    IReadOnlyList<string>? RejectedCategories,
    bool Appealed,
    string? ModelVersion)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public VerdictResponse? LatestVerdict { get; init; }

    /// <summary>The review for <paramref name="privileged"/> viewers (author, admin) or for anyone.</summary>
    public static ReviewResponse From(Review review, bool privileged) => new(
        review.Id, review.OrderId, review.ListingId, review.SellerId, review.AuthorId, review.Rating, review.Text,
        review.Status, review.CreatedAt, review.ModeratedAt, review.LanguageFamily,
        review.Status == ReviewStatuses.Pending ? null : review.Scores,
        privileged ? review.RejectedCategories : null,
        review.Appealed, review.ModelVersion);
}
