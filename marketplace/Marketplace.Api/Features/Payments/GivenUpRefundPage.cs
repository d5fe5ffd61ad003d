namespace Marketplace.Api.Features.Payments;

public sealed record GivenUpRefundPage(IReadOnlyList<GivenUpRefund> Items, int Page, int PageSize, int Total);
