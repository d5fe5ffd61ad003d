namespace Marketplace.Api.Features.Reviews;

/// <summary>Body of <c>POST /api/admin/reviews/{id}/decision</c>: <c>publish</c> or <c>reject</c>, and why.</summary>
public sealed record ReviewDecisionRequest(string? Decision, string? Note)
{
    public const string Publish = "publish";
    public const string Reject = "reject";
}
