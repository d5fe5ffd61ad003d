using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Moderation.Bundles;
using Moderation.Inference.Options;
using Moderation.Inference.Swapping;

namespace Moderation.Inference.Api;

/// <summary>
/// <c>POST /v1/admin/bundle {path}</c>: hot-swaps the bundle at a path on the service's machine. Needs the
/// configured admin key in <c>X-Admin-Key</c>; with no key configured the endpoint refuses everyone.
/// </summary>
public static class AdminEndpoints
{
    public const string KeyHeader = "X-Admin-Key";

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/admin/bundle", async (HttpContext context, SwapBundleRequest? request, BundleSwapper swapper, IOptions<InferenceOptions> options) =>
        {
            if (!Authorized(context, options.Value.AdminApiKey))
            {
                return Problems.Of(StatusCodes.Status403Forbidden, ProblemTypes.Forbidden, "Forbidden", $"a valid {KeyHeader} header is required");
            }

            if (string.IsNullOrWhiteSpace(request?.Path))
            {
                return Problems.BadRequest(ProblemTypes.BundleRefused, "the request needs the bundle's 'path'");
            }

            try
            {
                return Results.Ok(await swapper.SwapAsync(request.Path, context.RequestAborted));
            }
            catch (InvalidBundleException e)
            {
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, ProblemTypes.BundleRefused, "Bundle refused", e.Message);
            }
            catch (SwapInProgressException e)
            {
                return Problems.Of(StatusCodes.Status409Conflict, ProblemTypes.SwapInProgress, "Swap in progress", e.Message);
            }
        });
        return app;
    }

    private static bool Authorized(HttpContext context, string key)
    {
        if (string.IsNullOrEmpty(key) || !context.Request.Headers.TryGetValue(KeyHeader, out var given))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given.ToString()), Encoding.UTF8.GetBytes(key));
    }
}
