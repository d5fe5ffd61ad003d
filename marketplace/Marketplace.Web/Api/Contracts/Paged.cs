namespace Marketplace.Web.Api.Contracts;

/// <summary>Every list the API pages: items, 1-based page, page size and the total across pages.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int Pages => PageSize <= 0 ? 1 : Math.Max(1, (Total + PageSize - 1) / PageSize);
}
