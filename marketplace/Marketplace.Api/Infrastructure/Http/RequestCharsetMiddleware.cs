using System.Text;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Api.Infrastructure.Http;

/// <summary>
/// Refuses a body whose <c>Content-Type</c> names a charset .NET does not know (<c>charset=nonsense</c>) with
/// 415 before any endpoint reads it: the JSON reader throws a plain <see cref="InvalidOperationException"/>
/// for it, which would otherwise be a 500.
/// </summary>
public sealed class RequestCharsetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            && mediaType.Charset is { Length: > 0 } charset
            && !IsKnown(charset.Value!.Trim('"')))
        {
            await ApiProblems.Of(StatusCodes.Status415UnsupportedMediaType, ProblemTypes.UnsupportedMediaType,
                "The request body's charset is not supported.", "Send the body as UTF-8 (charset=utf-8, or no charset).")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            _ = Encoding.GetEncoding(charset);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
