using Moderation.Contracts;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Api;

/// <summary>Maps <c>POST /v1/moderate</c> and <c>GET /v1/model</c>.</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/moderate", (HttpContext context, ModerationHandler handler) => handler.HandleAsync(context));
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
                labels.Thresholds.ToDictionary(t => t.Key, t => new CategoryThreshold(t.Value.Reject, t.Value.Hold)), current.MaxTokens, current.Provider));
        });
        return app;
    }
}
