namespace Marketplace.Demo.Phases;

/// <summary>The reviews posted, their verdicts, and what the public endpoints show of them.</summary>
public sealed record ReviewsResult
{
    public required IReadOnlyList<SubmittedReview> Reviews { get; init; }

    /// <summary>Answers to review posts that were not 202 PENDING.</summary>
    public required IReadOnlyList<string> Refused { get; init; }

    /// <summary>What a second review of the same order got (the contract says 409 review-exists).</summary>
    public required string? DuplicateOutcome { get; init; }

    /// <summary>Reviews an anonymous reader could (PUBLISHED) or could not (anything else) see, where that was wrong.</summary>
    public required IReadOnlyList<string> VisibilityErrors { get; init; }

    /// <summary>Total of the listing's public review page once it settled.</summary>
    public required int ListingPageTotal { get; init; }

    public required int SellerReviewCount { get; init; }

    public required double? SellerAverageRating { get; init; }

    /// <summary>Total of the admin's HELD queue (every run's, not only this one's).</summary>
    public required int AdminHeldQueue { get; init; }

    public required double WaitSeconds { get; init; }
}
