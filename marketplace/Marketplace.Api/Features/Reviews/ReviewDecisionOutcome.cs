namespace Marketplace.Api.Features.Reviews;

/// <summary>How a conditional review transition ended: done, no such review (for this caller), or the review was not in the expected state.</summary>
public enum ReviewDecisionOutcome
{
    Done,
    NotFound,
    WrongState,
}
