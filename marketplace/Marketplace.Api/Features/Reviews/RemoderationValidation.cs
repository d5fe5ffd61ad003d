using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Reviews;

/// <summary>Checks re-moderation options the same way for the HTTP endpoint and the CLI verb.</summary>
public static class RemoderationValidation
{
    /// <summary>The statuses to re-score (upper-cased, distinct) and the limit; null with <paramref name="errors"/> filled when invalid.</summary>
    public static (IReadOnlyList<string> Statuses, int Limit)? Validate(IReadOnlyList<string>? statuses, int? limit, ValidationErrors errors)
    {
        var chosen = statuses is { Count: > 0 }
            ? statuses.Select(s => (s ?? "").Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList()
            : [.. RemoderationRequest.DefaultStatuses];
        var unknown = chosen.Where(s => s is not (ReviewStatuses.Published or ReviewStatuses.Held or ReviewStatuses.Rejected)).ToList();
        errors
            .When(unknown.Count > 0, "statuses", $"Re-moderation takes PUBLISHED, HELD or REJECTED; not {string.Join(", ", unknown)}.")
            .When(limit is < 1 or > RemoderationRequest.MaxLimit, "limit", $"The limit must be between 1 and {RemoderationRequest.MaxLimit}.");
        return errors.IsEmpty ? (chosen, limit ?? RemoderationRequest.DefaultLimit) : null;
    }
}
