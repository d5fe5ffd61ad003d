using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// Query of <c>GET /api/admin/reviews</c>: a status (HELD by default), paging, and for the HELD queue
/// <c>appealed</c>: <c>true</c> lists only reviews waiting for a decision on an appeal (<see cref="AppealedReviews"/>),
/// <c>false</c> only the others.
/// </summary>
public sealed record AdminReviewsQuery(string? Status, string? Appealed, string? Page, string? PageSize)
{
    public sealed record Valid(string Status, bool? Appealed, PageRequest Paging);

    public Valid? Validate(ValidationErrors errors)
    {
        var status = string.IsNullOrEmpty(Status) ? ReviewStatuses.Held : Status.ToUpperInvariant();
        errors.When(!ReviewStatuses.IsKnown(status), "status", $"The status must be one of {string.Join(", ", ReviewStatuses.All)}.");
        bool? appealed = null;
        if (!string.IsNullOrEmpty(Appealed))
        {
            if (!bool.TryParse(Appealed, out var flag))
            {
                errors.Add("appealed", "appealed must be true or false.");
            }
            else if (status != ReviewStatuses.Held)
            {
                // An appeal waits for its decision only while HELD; elsewhere the filter would mean something else.
                errors.Add("appealed", "appealed filters the HELD queue (the default status) only.");
            }
            else
            {
                appealed = flag;
            }
        }

        var paging = PageRequest.Read(Page, PageSize, errors);
        return errors.IsEmpty && paging is not null ? new Valid(status, appealed, paging) : null;
    }
}
