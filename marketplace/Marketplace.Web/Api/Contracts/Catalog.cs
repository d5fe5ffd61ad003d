namespace Marketplace.Web.Api.Contracts;

/// <summary>Money as the API writes it: a decimal amount and an ISO 4217 code.</summary>
public sealed record Price(decimal? Amount, string? Currency)
{
    public override string ToString() => Amount is { } a ? $"{a:0.00} {Currency}" : "";
}

public sealed record ListingResponse(
    Guid Id, Guid SellerId, string Title, string Kind, string Game, string Description, Price Price, int Stock,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

public sealed record ListingRequest(string? Title, string? Kind, string? Game, string? Description, Price? Price, int? Stock, int? Version = null);

/// <summary>The listing kinds the API accepts, with the words a buyer reads.</summary>
public static class ListingKinds
{
    public const string Item = "item";

    public static IReadOnlyList<(string Value, string Label)> All { get; } =
        [("item", "In-game item"), ("account", "Game account"), ("code", "Digital code")];

    public static string Label(string kind) => All.FirstOrDefault(k => k.Value == kind).Label ?? kind;
}
