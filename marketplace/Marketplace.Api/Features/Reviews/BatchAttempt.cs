namespace Marketplace.Api.Features.Reviews;

/// <summary>How one try of a batch (or part of one) ended, as told to <see cref="BatchBisection"/>.</summary>
public enum BatchAttempt
{
    /// <summary>The part is settled (moderated, held, counted); go on with the next one.</summary>
    Done,

    /// <summary>Something in the part spoils the whole call: try each half on its own. Never for a single item.</summary>
    Split,

    /// <summary>Go no further (the service is unavailable); the parts not tried yet are abandoned.</summary>
    Stop,
}
