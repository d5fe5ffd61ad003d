using Marketplace.Api.Infrastructure.Problems;

namespace Marketplace.Api.Infrastructure.TextInput;

/// <summary>
/// Refuses a request whose query string (names or values) or route values hold U+0000, with a 400
/// validation problem naming each such parameter; JSON bodies are checked by
/// <see cref="NulRejectingStringConverter"/>. Runs after routing, so route values are known.
/// </summary>
public sealed class NulQueryAndRouteMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        foreach (var (name, values) in context.Request.Query)
        {
            if (NulCharacter.In(name) || values.Any(NulCharacter.In))
            {
                errors.Add(NulCharacter.In(name) ? "query" : name, $"The query parameter {NulCharacter.Message}");
            }
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && NulCharacter.In(text))
            {
                errors.Add(name, $"The route value {NulCharacter.Message}");
            }
        }

        if (errors.IsEmpty)
        {
            await next(context);
            return;
        }

        await ApiProblems.Validation(errors.ToDictionary()).ExecuteAsync(context);
    }
}
