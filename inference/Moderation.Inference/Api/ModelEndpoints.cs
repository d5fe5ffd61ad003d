using Moderation.Contracts;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Api;

/// <summary>
/// Maps <c>POST /v2/moderate</c> (the decision), <c>POST /v1/moderate</c> (the frozen verdict for old clients) and
/// <c>GET /v1/model</c>.
/// </summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v2/moderate", (HttpContext context, ModerationHandler handler) => handler.HandleAsync(context, ContractVersion.V2));
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/moderate", (HttpContext context, ModerationHandler handler) => handler.HandleAsync(context, ContractVersion.V1));
        v1.MapGet("/model", (ModelHolder holder) =>
        {
            var current = holder.Current;
            if (current is null)
            {
                return Problems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.NotReady, "Not ready", "no model bundle is loaded yet");
            }

            var labels = current.Bundle.Labels;
            return Results.Ok(new ModelInfo(current.Bundle.Version, current.Bundle.Manifest.RunId, current.Bundle.Manifest.CreatedAt, current.LoadedAt,
                labels.Families, labels.Categories,
                labels.Thresholds, current.MaxTokens, current.Provider));
        });
        return app;
    }
}
