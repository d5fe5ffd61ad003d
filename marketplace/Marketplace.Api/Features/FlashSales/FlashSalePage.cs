namespace Marketplace.Api.Features.FlashSales;

public sealed record FlashSalePage(IReadOnlyList<FlashSaleSummary> Items, int Page, int PageSize, int Total);
