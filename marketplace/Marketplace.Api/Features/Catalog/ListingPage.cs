namespace Marketplace.Api.Features.Catalog;

public sealed record ListingPage(IReadOnlyList<ListingResponse> Items, int Page, int PageSize, int Total);
