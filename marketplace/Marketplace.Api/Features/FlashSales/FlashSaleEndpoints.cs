using System.Security.Claims;
using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Caching;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Metrics;

namespace Marketplace.Api.Features.FlashSales;

public static class FlashSaleEndpoints
{
    public static IServiceCollection AddFlashSales(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FlashSalesOptions>()
            .Bind(configuration.GetSection(FlashSalesOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IOrderRequestPublisher, KafkaOrderRequestPublisher>();
        services.AddSingleton<FlashSaleGate>();
        services.AddSingleton<FlashSaleMetrics>();
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(FlashSaleMetrics.MeterName)
            .AddView(FlashSaleMetrics.PipelineLatencyInstrument,
                new ExplicitBucketHistogramConfiguration { Boundaries = FlashSaleMetrics.PipelineLatencyBuckets }));
        services.AddSingleton<PurchaseIdempotency>();
        services.AddSingleton<ReservationSettlement>();
        services.AddScoped<FlashSalePrimer>();
        services.AddScoped<FlashOrderCreator>();
        services.AddScoped<CreateFlashSaleHandler>();
        services.AddScoped<GetFlashSaleHandler>();
        services.AddScoped<ListFlashSalesHandler>();
        services.AddScoped<PurchaseFlashSaleHandler>();
        services.AddScoped<GetReservationHandler>();
        services.AddScoped<IStockReturn, FlashSaleStockReturn>();
        services.AddSingleton<ICacheRegion>(FlashSaleCache.Sales);

        // Singletons first, so tests and operators can reach the running instances; each checks its
        // Enabled option when it starts (test hosts add configuration after registration).
        services.AddSingleton<OrderRequestedConsumer>();
        services.AddSingleton<ReservationReconciler>();
        services.AddHostedService(provider => provider.GetRequiredService<OrderRequestedConsumer>());
        services.AddHostedService(provider => provider.GetRequiredService<ReservationReconciler>());
        return services;
    }

    public static IEndpointRouteBuilder MapFlashSales(this IEndpointRouteBuilder app)
    {
        var sales = app.MapGroup("/api/flash-sales").WithTags("Flash sales");
        sales.MapPost("/", (CreateFlashSaleRequest request, CreateFlashSaleHandler handler, CancellationToken ct) =>
            handler.HandleAsync(request, ct)).WithName("CreateFlashSale").RequireAuthorization(AuthPolicies.Admin);
        sales.MapGet("/", ([AsParameters] FlashSaleListQuery query, ListFlashSalesHandler handler, CancellationToken ct) =>
            handler.HandleAsync(query, ct)).WithName("ListFlashSales");
        sales.MapGet("/{id:guid}", (Guid id, GetFlashSaleHandler handler, CancellationToken ct) =>
            handler.HandleAsync(id, ct)).WithName("GetFlashSale");
        sales.MapPost("/{id:guid}/purchase", (
                Guid id,
                [FromHeader(Name = PurchaseIdempotency.HeaderName)] string? idempotencyKey,
                ClaimsPrincipal user,
                PurchaseFlashSaleHandler handler,
                CancellationToken ct) => handler.HandleAsync(id, new Buyer(user.UserId(), user.AccountCreatedAt()), idempotencyKey, ct))
            .WithName("PurchaseFlashSale").RequireAuthorization(AuthPolicies.Buyer)
            .RateLimited(RateLimitTarget.ByUser(RateLimitPolicies.PurchasePerBuyer), RateLimitTarget.ByAddress(RateLimitPolicies.PurchasePerAddress));

        app.MapGet("/api/reservations/{id:guid}", (Guid id, ClaimsPrincipal user, GetReservationHandler handler, CancellationToken ct) =>
                handler.HandleAsync(user.UserId(), user.IsInRole(Roles.Admin), id, ct))
            .WithTags("Flash sales").WithName("GetReservation").RequireAuthorization();
        return app;
    }
}
