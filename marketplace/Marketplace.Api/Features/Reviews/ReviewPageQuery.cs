using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Features.Reviews;

/// <summary>Paging of review lists, validated like the orders list (page ≥ 1, 1 ≤ pageSize ≤ 100).</summary>
public sealed record ReviewPageQuery(string? Page, string? PageSize)
{
    public ListOrdersQuery.Valid? Validate(ValidationErrors errors) => new ListOrdersQuery(Page, PageSize).Validate(errors);
}
