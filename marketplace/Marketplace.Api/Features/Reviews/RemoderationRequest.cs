namespace Marketplace.Api.Features.Reviews;

/// <summary>Body of <c>POST /api/admin/reviews/remoderate</c> (and the CLI verb's options).</summary>
public sealed record RemoderationRequest(IReadOnlyList<string>? Statuses, int? Limit, bool? DryRun)
{
    public static IReadOnlyList<string> DefaultStatuses { get; } = [ReviewStatuses.Published, ReviewStatuses.Held];

    public const int DefaultLimit = 1000;
    public const int MaxLimit = 100_000;
}
