namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// What a re-moderation run found: how many reviews were scored, how their model action changed (from the
/// latest model verdict to the new one; <c>none</c> when there was none), which model versions were replaced,
/// how many PUBLISHED reviews were pulled back to HELD, and the HELD reviews the new model would decide (they
/// stay HELD: a person owns them).
/// </summary>
public sealed record RemoderationReport(
    bool DryRun,
    IReadOnlyList<string> Statuses,
    int Scored,
    int Refused,
    int Unchanged,
    IReadOnlyList<ActionChange> Changes,
    IReadOnlyList<ModelVersionChange> ModelVersions,
    int PulledBack,
    IReadOnlyList<HeldReviewVerdict> Held);

/// <summary>Reviews whose model action went from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed record ActionChange(string From, string To, int Count);

/// <summary>Reviews last scored by <see cref="From"/> (<c>none</c>: never scored) and now by <see cref="To"/>.</summary>
public sealed record ModelVersionChange(string From, string To, int Count);

/// <summary>A HELD review the new model would allow or reject; it stays HELD for its admin.</summary>
public sealed record HeldReviewVerdict(Guid ReviewId, string Action);
