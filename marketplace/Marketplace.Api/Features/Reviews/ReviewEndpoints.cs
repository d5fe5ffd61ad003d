using System.Security.Claims;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.RateLimiting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Marketplace.Api.Features.Reviews;

public static class ReviewEndpoints
{
    public static IServiceCollection AddReviews(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(ReviewTracing.SourceName));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(ReviewMetrics.MeterName)
            .AddView(ReviewMetrics.LatencyInstrument, new ExplicitBucketHistogramConfiguration { Boundaries = ReviewMetrics.LatencyBuckets }));
        services.AddOptions<ReviewsOptions>()
            .Bind(configuration.GetSection(ReviewsOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ICacheRegion>(ReviewsCache.ListingReviews);
        services.AddSingleton<ModerationSignal>();
        services.AddSingleton<PendingReviewClaims>();
        services.AddSingleton<ReviewMetrics>();
        services.AddSingleton<ReviewVisibilityChanges>();
        services.AddScoped<ReviewTransitions>();
        services.AddScoped<ReviewVerdictApplier>();
        services.AddScoped<SubmitReviewHandler>();
        services.AddScoped<GetReviewHandler>();
        services.AddScoped<OrderReviewHandler>();
        services.AddScoped<ReviewHistoryHandler>();
        services.AddScoped<AdminStatusHandler>();
        services.AddScoped<ListingReviewsHandler>();
        services.AddScoped<SellerRatingHandler>();
        services.AddScoped<ReviewDecisions>();
        services.AddScoped<AppealReviewHandler>();
        services.AddScoped<AdminReviewsHandler>();
        services.AddScoped<ReviewDecisionHandler>();
        services.AddScoped<ReviewRemoderation>();
        services.AddScoped<RemoderateHandler>();
        services.AddHostedService<ReviewModerationWorker>();
        return services;
    }

    public static IEndpointRouteBuilder MapReviews(this IEndpointRouteBuilder app)
    {
        app.MapOrdersGroup("Reviews").MapPost("/{orderId:guid}/reviews",
                (Guid orderId, SubmitReviewRequest? request, ClaimsPrincipal user, SubmitReviewHandler handler, CancellationToken ct) =>
                    handler.HandleAsync(user.UserId(), orderId, request, ct))
            .WithName("SubmitReview")
            .RateLimited(RateLimitTarget.ByUser(RateLimitPolicies.ReviewPerBuyer));
        app.MapOrdersGroup("Reviews").MapGet("/{id:guid}/review",
                (Guid id, ClaimsPrincipal user, OrderReviewHandler handler, CancellationToken ct) => handler.HandleAsync(user, id, ct))
            .WithName("GetOrderReview");
        app.MapGet("/api/reviews/{id:guid}", (Guid id, ClaimsPrincipal user, GetReviewHandler handler, CancellationToken ct) =>
                handler.HandleAsync(user, id, ct))
            .WithTags("Reviews").WithName("GetReview").AllowAnonymous();
        app.MapGet("/api/listings/{id:guid}/reviews",
                (Guid id, [AsParameters] ReviewPageQuery query, ListingReviewsHandler handler, CancellationToken ct) =>
                    handler.HandleAsync(id, query, ct))
            .WithTags("Reviews").WithName("ListListingReviews").AllowAnonymous();
        app.MapGet("/api/sellers/{id:guid}/rating", (Guid id, SellerRatingHandler handler, CancellationToken ct) =>
                handler.HandleAsync(id, ct))
            .WithTags("Reviews").WithName("GetSellerRating").AllowAnonymous();
        app.MapPost("/api/reviews/{id:guid}/appeal", (Guid id, ClaimsPrincipal user, AppealReviewHandler handler, CancellationToken ct) =>
                handler.HandleAsync(user, id, ct))
            .WithTags("Reviews").WithName("AppealReview").RequireAuthorization();

        var admin = app.MapGroup("/api/admin/reviews").WithTags("Reviews").RequireAuthorization(AuthPolicies.Admin);
        admin.MapGet("/", ([AsParameters] AdminReviewsQuery query, AdminReviewsHandler handler, CancellationToken ct) =>
            handler.HandleAsync(query, ct)).WithName("ListReviewsForAdmin");
        admin.MapGet("/{id:guid}/history", (Guid id, ReviewHistoryHandler handler, CancellationToken ct) =>
            handler.HandleAsync(id, ct)).WithName("GetReviewHistory");
        admin.MapPost("/{id:guid}/decision",
            (Guid id, ReviewDecisionRequest? request, ClaimsPrincipal user, ReviewDecisionHandler handler, CancellationToken ct) =>
                handler.HandleAsync(user.UserId(), id, request, ct)).WithName("DecideReview");
        admin.MapPost("/remoderate", (RemoderationRequest? request, RemoderateHandler handler, CancellationToken ct) =>
            handler.HandleAsync(request, ct)).WithName("RemoderateReviews");

        // The moderation console's front page: the backlog and the inference service at a glance.
        app.MapGet("/api/admin/status", (AdminStatusHandler handler, CancellationToken ct) => handler.HandleAsync(ct))
            .WithTags("Reviews").WithName("GetAdminStatus").RequireAuthorization(AuthPolicies.Admin);
        return app;
    }
}
