namespace Marketplace.Api.Features.Orders;

public sealed record OrderPage(IReadOnlyList<OrderResponse> Items, int Page, int PageSize, int Total);
