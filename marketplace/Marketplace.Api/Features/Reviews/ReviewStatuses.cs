namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Where a review is, stored and sent as these names. PENDING until a verdict; the verdict's action maps
/// allow → PUBLISHED, hold → HELD, reject → REJECTED; only an admin moves a HELD review on.
/// </summary>
public static class ReviewStatuses
{
    public const string Pending = "PENDING";
    public const string Published = "PUBLISHED";
    public const string Held = "HELD";
    public const string Rejected = "REJECTED";

    public static IReadOnlyList<string> All { get; } = [Pending, Published, Held, Rejected];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status, StringComparer.Ordinal);
}
