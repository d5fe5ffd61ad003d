namespace Marketplace.Api.Features.Reviews;

public sealed record ReviewPage(IReadOnlyList<ReviewResponse> Items, int Page, int PageSize, int Total);
