namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// A buyer's review of one order. Inserted PENDING (and due for moderation at once) before inference is
/// asked anything; afterwards its status only changes through conditional updates that name the status they
/// expect (<see cref="ReviewTransitions"/>, by the moves of <see cref="ReviewStateMachine"/>), never by saving this entity.
/// </summary>
public sealed class Review
{
    public Guid Id { get; set; }

    public Guid OrderId { get; set; }

    public Guid ListingId { get; set; }

    public Guid SellerId { get; set; }

    public Guid AuthorId { get; set; }

    public int Rating { get; set; }

    public string Text { get; set; } = "";

    public string Status { get; set; } = ReviewStatuses.Pending;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ModeratedAt { get; set; }

    /// <summary>When the worker may next claim it (PENDING only): now on insert, later after a failure or while leased.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Failed moderation attempts so far (the back-off grows with it).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// Answers from the service that carried no usable verdict for this review (malformed); the worker holds the
    /// review for a person after <see cref="ReviewsOptions.MaxMalformedVerdicts"/> of them.
    /// </summary>
    public int MalformedVerdicts { get; set; }

    public string? LastError { get; set; }

    /// <summary>The submit request's W3C traceparent (null when it was not traced), which the worker's span continues.</summary>
    public string? TraceParent { get; set; }

    public string? LanguageFamily { get; set; }

    public float? FamilyScore { get; set; }

    public float? Abuse { get; set; }

    public float? Sexual { get; set; }

    public float? Scam { get; set; }

    public float? Spam { get; set; }

    public float? PersonalInfo { get; set; }

    /// <summary>The five scores, or null when there are none.</summary>
    public ReviewScores? Scores => ReviewScores.FromColumns(Abuse, Sexual, Scam, Spam, PersonalInfo);

    public string? ModelVersion { get; set; }

    /// <summary>Categories at or above their hold threshold in the latest model verdict (why it was held).</summary>
    public string[] FlaggedCategories { get; set; } = [];

    /// <summary>Categories that caused the rejection; empty unless REJECTED.</summary>
    public string[] RejectedCategories { get; set; } = [];

    public bool Appealed { get; set; }
}
