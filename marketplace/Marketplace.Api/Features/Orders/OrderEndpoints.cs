using System.Security.Claims;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Orders;

public static class OrderEndpoints
{
    public static IServiceCollection AddOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrdersOptions>()
            .Bind(configuration.GetSection(OrdersOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrdersOptions>, OrdersOptionsValidator>();
        services.AddSingleton<OrderCreation>();
        services.AddSingleton<OrderTransitions>();
        services.AddSingleton<UserPurchaseLock>();
        services.AddScoped<IStockReturn, ListingStockReturn>();
        services.AddScoped<OrderCancellation>();
        services.AddScoped<PurchaseListingHandler>();
        services.AddScoped<GetOrderHandler>();
        services.AddScoped<ListOrdersHandler>();
        services.AddScoped<OrderHistoryHandler>();
        services.AddScoped<CancelOrderHandler>();
        services.AddSingleton<OrderTimeoutCanceller>();
        services.AddHostedService(provider => provider.GetRequiredService<OrderTimeoutCanceller>());
        return services;
    }

    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/listings/{id:guid}/purchase",
                (Guid id, PurchaseRequest request, ClaimsPrincipal user, PurchaseListingHandler handler, CancellationToken ct) =>
                    handler.HandleAsync(user.UserId(), id, request, ct))
            .WithTags("Orders").WithName("PurchaseListing").RequireAuthorization(AuthPolicies.Buyer)
            .RateLimited(RateLimitTarget.ByUser(RateLimitPolicies.PurchasePerBuyer), RateLimitTarget.ByAddress(RateLimitPolicies.PurchasePerAddress));

        var orders = app.MapOrdersGroup("Orders");
        orders.MapGet("/", ([AsParameters] ListOrdersQuery query, ClaimsPrincipal user, ListOrdersHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), query, ct)).WithName("ListOrders");
        orders.MapGet("/{id:guid}", (Guid id, ClaimsPrincipal user, GetOrderHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, ct)).WithName("GetOrder");
        orders.MapGet("/{id:guid}/history", (Guid id, ClaimsPrincipal user, OrderHistoryHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, ct)).WithName("GetOrderHistory");
        orders.MapPost("/{id:guid}/cancel", (Guid id, ClaimsPrincipal user, CancelOrderHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, ct)).WithName("CancelOrder");
        return app;
    }
}
