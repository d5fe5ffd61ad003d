using Confluent.Kafka;
using Marketplace.Api.Infrastructure.Paging;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// Admin-only: <c>GET /api/admin/dead-letters</c> lists the Kafka messages consumers gave up on (newest first, from
/// the <c>dead_letters</c> table), <c>POST /api/admin/dead-letters/{id}/replay</c> re-publishes one to its original topic.
/// </summary>
public static class DeadLetterAdminEndpoints
{
    public static IEndpointRouteBuilder MapDeadLetterAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/dead-letters").WithTags("Messaging").RequireAuthorization(AuthPolicies.Admin);
        admin.MapGet("/", ListAsync).WithName("ListDeadLetters");
        admin.MapPost("/{id:long}/replay", ReplayAsync).WithName("ReplayDeadLetter");
        return app;
    }

    private static async Task<Results<Ok<DeadLetterPage>, ValidationProblem>> ListAsync(
        string? page, string? pageSize, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var paging = PageRequest.Read(page, pageSize, errors);
        if (paging is null)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var letters = db.Set<DeadLetter>().AsNoTracking();
        var total = await letters.CountAsync(cancellationToken);
        var items = await letters.OrderByDescending(d => d.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new DeadLetterPage([.. items.Select(DeadLetterView.From)], paging.Page, paging.PageSize, total));
    }

    private static async Task<Results<Ok<DeadLetterView>, ProblemHttpResult>> ReplayAsync(
        long id, DeadLetterQueue queue, MarketplaceDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            if (!await queue.ReplayAsync(id, cancellationToken))
            {
                return ApiProblems.NotFound($"Dead letter {id} does not exist.");
            }
        }
        catch (KafkaException)
        {
            return ApiProblems.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ServiceUnavailable,
                "The dead letter could not be replayed.", "Kafka did not accept the message; retry shortly.");
        }

        var letter = await db.Set<DeadLetter>().AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        return TypedResults.Ok(DeadLetterView.From(letter));
    }
}
