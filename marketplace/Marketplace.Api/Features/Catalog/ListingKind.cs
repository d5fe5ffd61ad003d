namespace Marketplace.Api.Features.Catalog;

/// <summary>What a listing sells; stored and serialised as the lower-case names.</summary>
public static class ListingKind
{
    public const string Item = "item";
    public const string Account = "account";
    public const string Code = "code";

    public static IReadOnlyList<string> All { get; } = [Item, Account, Code];

    public static bool IsKnown(string? kind) => kind is not null && All.Contains(kind, StringComparer.Ordinal);
}
