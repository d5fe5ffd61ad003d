using System.Text.Json.Serialization;

namespace Marketplace.Web.Api;

/// <summary>
/// An RFC 7807 problem the marketplace API answered (or one the front-end made for an unreachable API), kept whole so
/// a page can show the title and detail where the user acted and each validation error beside its field.
/// </summary>
public sealed record ApiProblem
{
    public string? Type { get; init; }

    public string Title { get; init; } = "Something went wrong.";

    public string? Detail { get; init; }

    public int Status { get; init; }

    /// <summary>Validation errors by field name as the API spells it (camelCase, <c>price.amount</c>).</summary>
    [JsonPropertyName("errors")]
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The messages for <paramref name="field"/> and for its parts (<c>price</c> also shows <c>price.amount</c>).</summary>
    public IEnumerable<string> ErrorsFor(string field) =>
        Errors.Where(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)
                          || e.Key.StartsWith(field + ".", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Value);

    public static ApiProblem Unreachable(string detail) => new()
    {
        Status = 503,
        Title = "The marketplace is not answering right now.",
        Detail = detail,
    };

    public static ApiProblem Local(int status, string title, string? detail = null) => new() { Status = status, Title = title, Detail = detail };
}
