namespace Marketplace.Api.Features.Orders;

/// <summary>Paging for "my orders" as query text; validated by <see cref="Infrastructure.Paging.PageRequest"/>.</summary>
public sealed record ListOrdersQuery(string? Page, string? PageSize);
