using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Infrastructure.Paging;

/// <summary>
/// A validated page of a list endpoint. <see cref="Page"/> is bounded so that <see cref="Skip"/>
/// always fits an <c>int</c> (an unbounded page overflowed to a negative offset and a 500) and no
/// client can ask the database to walk millions of rows to throw them away.
/// </summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>The deepest page any list serves: 10,000 pages of 100 is a million rows in.</summary>
    public const int MaxPage = 10_000;

    /// <summary>Rows before this page; at most (MaxPage - 1) × MaxPageSize, far inside <c>int</c>.</summary>
    public int Skip => (Page - 1) * PageSize;

    /// <summary>The page from the query's <c>page</c> and <c>pageSize</c> text, or null with errors added.</summary>
    public static PageRequest? Read(string? page, string? pageSize, ValidationErrors errors)
    {
        var number = QueryInteger.Read(page, "page", 1, 1, MaxPage, errors);
        var size = QueryInteger.Read(pageSize, "pageSize", DefaultPageSize, 1, MaxPageSize, errors);
        return errors.IsEmpty ? new PageRequest(number, size) : null;
    }
}
