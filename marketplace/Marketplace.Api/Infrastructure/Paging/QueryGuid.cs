using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Infrastructure.Paging;

/// <summary>Reads an id query parameter that arrives as text, so a bad value is a validation error naming the parameter.</summary>
public static class QueryGuid
{
    /// <summary>Null when the parameter is absent; otherwise the id, or null with an error on <paramref name="field"/>.</summary>
    public static Guid? Read(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!Guid.TryParse(text, out var id))
        {
            errors.Add(field, $"{field} must be a GUID.");
            return null;
        }

        return id;
    }
}
