namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// One review move for <see cref="ReviewTransitions"/>: the status it expects, the one it leads to, who makes it
/// (a <see cref="VerdictSources"/> name, checked against <see cref="ReviewStateMachine"/>) and the audit actor.
/// </summary>
public sealed record ReviewTransition(Guid ReviewId, string From, string To, string Source, string Actor)
{
    /// <summary>The model's verdict behind the move: stored on the review and in the audit row; null for a person's move.</summary>
    public ModerationVerdictRow? Model { get; init; }

    /// <summary>The audit row's note.</summary>
    public string? Note { get; init; }

    /// <summary>Leaving PENDING: why the review was held without a verdict (its <c>last_error</c>); null clears it.</summary>
    public string? Error { get; init; }

    /// <summary>When set, the move applies only to this author's review (an appeal).</summary>
    public Guid? AuthorId { get; init; }
}
