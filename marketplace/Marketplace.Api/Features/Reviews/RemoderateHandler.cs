using Marketplace.Api.Infrastructure.Moderation;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary><c>POST /api/admin/reviews/remoderate</c>: the CLI verb's run, answered with its report as JSON.</summary>
public sealed class RemoderateHandler(ModerationEndpoint endpoint, IServiceProvider services)
{
    public async Task<Results<Ok<RemoderationReport>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RemoderationRequest? request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (RemoderationValidation.Validate(request?.Statuses, request?.Limit, errors) is not { } valid)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        if (!endpoint.Configured)
        {
            return Unavailable("No inference service is configured (Moderation:BaseUrl).");
        }

        try
        {
            var report = await services.GetRequiredService<ReviewRemoderation>()
                .RunAsync(valid.Statuses, valid.Limit, request?.DryRun ?? false, progress: null, cancellationToken);
            return TypedResults.Ok(report);
        }
        catch (ModerationUnavailableException e)
        {
            return Unavailable(e.Message);
        }
    }

    private static ProblemHttpResult Unavailable(string detail) =>
        ApiProblems.Of(StatusCodes.Status503ServiceUnavailable, ReviewProblemTypes.ModerationUnavailable,
            "The inference service is unavailable.", detail);
}
