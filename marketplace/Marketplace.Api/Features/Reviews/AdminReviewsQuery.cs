namespace Marketplace.Api.Features.Reviews;

/// <summary>Query of <c>GET /api/admin/reviews</c>: a status (HELD by default) and paging.</summary>
public sealed record AdminReviewsQuery(string? Status, string? Page, string? PageSize);
