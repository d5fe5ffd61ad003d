using Moderation.Inference.Options;

namespace Moderation.Inference.Api;

/// <summary>Checks a moderation request against the limits; the first violation becomes a 400 or 413 problem. A text
/// over the character limit is not one: it gets its own error in the results (see <c>ModerationHandler</c>).</summary>
public static class RequestValidator
{
    public static IResult? Validate(ModerateRequestBody? body, InferenceOptions options)
    {
        if (body?.Items is not { Count: > 0 } items)
        {
            return Problems.BadRequest(ProblemTypes.NoItems, "the request needs a non-empty 'items' array");
        }

        if (items.Count > options.MaxItems)
        {
            return Problems.TooLarge(ProblemTypes.TooManyItems, $"{items.Count} items; at most {options.MaxItems} per request");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (string.IsNullOrEmpty(item?.Id))
            {
                return Problems.BadRequest(ProblemTypes.MissingId, $"items[{i}] has no 'id'");
            }

            if (item.Text is null)
            {
                return Problems.BadRequest(ProblemTypes.MissingText, $"items[{i}] ('{item.Id}') has no 'text'");
            }

            if (!ids.Add(item.Id))
            {
                return Problems.BadRequest(ProblemTypes.DuplicateId, $"id '{item.Id}' appears more than once");
            }
        }

        return null;
    }
}
