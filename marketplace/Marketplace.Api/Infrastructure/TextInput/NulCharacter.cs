namespace Marketplace.Api.Infrastructure.TextInput;

/// <summary>
/// U+0000, which PostgreSQL cannot store in text or jsonb: input carrying it is refused at the edge
/// (400 naming the field) instead of failing deep in a query with a 500.
/// </summary>
public static class NulCharacter
{
    public const char Value = '\0';

    public const string Message = "must not contain the NUL character (U+0000).";

    public static bool In(string? text) => text is not null && text.Contains(Value, StringComparison.Ordinal);
}
