using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// Query of <c>GET /api/flash-sales</c> as text: which sales (<c>live</c>: started and not ended; <c>upcoming</c>: not
/// started; <c>current</c>, the default: both) and paging. Ended sales are not listed.
/// </summary>
public sealed record FlashSaleListQuery(string? Status, string? Page, string? PageSize)
{
    public const string Live = "live";
    public const string Upcoming = "upcoming";
    public const string Current = "current";

    public static IReadOnlyList<string> All { get; } = [Live, Upcoming, Current];

    public sealed record Valid(string Status, PageRequest Paging);

    public Valid? Validate(ValidationErrors errors)
    {
        var paging = PageRequest.Read(Page, PageSize, errors);
        var status = string.IsNullOrEmpty(Status) ? Current : Status.ToLowerInvariant();
        errors.When(!All.Contains(status, StringComparer.Ordinal), "status", $"status must be one of: {string.Join(", ", All)}.");
        return errors.IsEmpty && paging is not null ? new Valid(status, paging) : null;
    }
}
