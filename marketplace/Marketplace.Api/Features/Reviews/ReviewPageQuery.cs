namespace Marketplace.Api.Features.Reviews;

/// <summary>Paging of review lists as query text; validated by <see cref="Infrastructure.Paging.PageRequest"/>.</summary>
public sealed record ReviewPageQuery(string? Page, string? PageSize);
