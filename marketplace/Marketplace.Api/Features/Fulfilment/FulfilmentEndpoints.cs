using System.Security.Claims;
using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Auth;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Fulfilment;

/// <summary>What happens to an order once paid: the seller ships it, the buyer reads the delivery and confirms, or it completes itself.</summary>
public static class FulfilmentEndpoints
{
    public static IServiceCollection AddFulfilment(this IServiceCollection services, IConfiguration configuration)
    {
        // Auto-completion is configured next to the orders' own settings (Orders:AutoCompleteAfter, ...).
        services.AddOptions<AutoCompleteOptions>().Bind(configuration.GetSection(OrdersOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AutoCompleteOptions>, AutoCompleteOptionsValidator>();
        services.AddSingleton<DeliverySecrets>();
        services.AddScoped<ShipOrderHandler>();
        services.AddScoped<GetDeliveryHandler>();
        services.AddScoped<ConfirmOrderHandler>();
        services.AddSingleton<OrderAutoCompleter>();
        services.AddHostedService(p => p.GetRequiredService<OrderAutoCompleter>());
        return services;
    }

    public static IEndpointRouteBuilder MapFulfilment(this IEndpointRouteBuilder app)
    {
        var orders = app.MapOrdersGroup("Fulfilment");
        orders.MapPost("/{id:guid}/ship", (Guid id, ShipRequest request, ClaimsPrincipal user, ShipOrderHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, request, ct)).WithName("ShipOrder");
        orders.MapGet("/{id:guid}/delivery", (Guid id, ClaimsPrincipal user, GetDeliveryHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, ct)).WithName("GetOrderDelivery");
        orders.MapPost("/{id:guid}/confirm", (Guid id, ClaimsPrincipal user, ConfirmOrderHandler handler, CancellationToken ct) =>
            handler.HandleAsync(user.UserId(), id, ct)).WithName("ConfirmOrder");
        return app;
    }
}
