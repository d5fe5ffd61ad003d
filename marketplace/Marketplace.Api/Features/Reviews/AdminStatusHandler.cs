using System.Text.Json;
using Marketplace.Api.Infrastructure.Health;
using Marketplace.Api.Infrastructure.Moderation;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>GET /api/admin/status</c>: counts read from PostgreSQL now (not the metrics' last poll), and the inference
/// service through the same <c>inference</c> health check <c>/readyz</c> runs plus the client's <c>GET /v1/model</c>.
/// Both inference calls share one <see cref="InferenceBudget"/> and run while the counts are read, so a slow or dead
/// service costs the page at most that long and says Degraded rather than fail.
/// </summary>
public sealed class AdminStatusHandler(
    MarketplaceDbContext db,
    PendingReviewClaims claims,
    HealthCheckService health,
    ModerationEndpoint endpoint,
    ModerationClient client,
    TimeProvider time)
{
    public static readonly TimeSpan InferenceBudget = TimeSpan.FromSeconds(2);

    public async Task<Ok<AdminStatusResponse>> HandleAsync(CancellationToken cancellationToken)
    {
        // Started first, awaited last: it touches no DbContext, so it may overlap the counts.
        var inference = InferenceAsync(cancellationToken);
        var (pending, oldest) = await claims.BacklogAsync(cancellationToken);
        var held = await db.Reviews.AsNoTracking().LongCountAsync(r => r.Status == ReviewStatuses.Held, cancellationToken);
        var appealed = await db.Reviews.AsNoTracking().Where(AppealedReviews.AwaitingDecision(db)).LongCountAsync(cancellationToken);
        double? oldestSeconds = oldest is { } at ? Math.Round(Math.Max(0, (time.GetUtcNow() - at).TotalSeconds), 3) : null;
        return TypedResults.Ok(new AdminStatusResponse(pending, oldestSeconds, held, appealed, await inference));
    }

    private async Task<InferenceStatus> InferenceAsync(CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(InferenceBudget);
        var model = ModelVersionAsync(budget.Token);
        var (status, description) = await CheckAsync(budget.Token);
        return new InferenceStatus(status.ToString(), description, await model);
    }

    private async Task<(HealthStatus Status, string? Description)> CheckAsync(CancellationToken budget)
    {
        try
        {
            var report = await health.CheckHealthAsync(check => check.Name == HealthEndpoints.InferenceCheck, budget);
            return report.Entries.TryGetValue(HealthEndpoints.InferenceCheck, out var entry)
                ? (entry.Status, entry.Description)
                : (HealthStatus.Unhealthy, "no inference health check is registered");
        }
        catch (OperationCanceledException)
        {
            return (HealthStatus.Degraded, $"inference did not answer within {InferenceBudget.TotalSeconds:0} s; reviews wait PENDING");
        }
    }

    private async Task<string?> ModelVersionAsync(CancellationToken budget)
    {
        if (!endpoint.Configured)
        {
            return null;
        }

        try
        {
            return (await client.GetModelAsync(budget)).ModelVersion;
        }
        catch (Exception ex) when (ex is ModerationUnavailableException or ModerationServiceException or OperationCanceledException
                                       or HttpRequestException or JsonException)
        {
            // Unknown is an answer here: the page is for looking, and the health entry says why.
            return null;
        }
    }
}
