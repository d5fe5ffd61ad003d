using Marketplace.Api.Features.Catalog;

namespace Marketplace.Api.Features.Orders;

public sealed record OrderResponse(
    Guid Id,
    Guid BuyerId,
    Guid SellerId,
    Guid ListingId,
    Guid? FlashSaleId,
    Guid? ReservationId,
    int Quantity,
    PriceDto UnitPrice,
    PriceDto Total,
    string State,
    int Version,
    DateTimeOffset PaymentDeadline,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static OrderResponse From(Order order) => new(
        order.Id, order.BuyerId, order.SellerId, order.ListingId, order.FlashSaleId, order.ReservationId,
        order.Quantity, new PriceDto(order.UnitPrice.Amount, order.UnitPrice.Currency),
        new PriceDto(order.Total.Amount, order.Total.Currency), order.State.ToName(), order.Version,
        order.PaymentDeadline, order.CreatedAt, order.UpdatedAt);
}
