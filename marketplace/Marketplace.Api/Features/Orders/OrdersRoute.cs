namespace Marketplace.Api.Features.Orders;

/// <summary>
/// The one place <c>/api/orders</c> is configured. Every feature that acts on an order (Orders, Payments, Fulfilment, Reviews)
/// maps its own routes on a group made here, so the prefix and its rule (any signed-in user; each handler then checks
/// that the caller is the order's buyer or seller) cannot drift apart between features.
/// </summary>
public static class OrdersRoute
{
    public const string Prefix = "/api/orders";

    /// <summary>A group under <see cref="Prefix"/> for one feature's order routes, tagged with the feature's name.</summary>
    public static RouteGroupBuilder MapOrdersGroup(this IEndpointRouteBuilder app, string feature) =>
        app.MapGroup(Prefix).WithTags(feature).RequireAuthorization();
}
