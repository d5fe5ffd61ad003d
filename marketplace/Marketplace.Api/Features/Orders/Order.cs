using Marketplace.Api.Domain;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// One purchase: a normal one of a listing, or a flash-sale one (with <see cref="FlashSaleId"/> and
/// <see cref="ReservationId"/>). Created through <see cref="OrderCreation"/>; its state changes only
/// through <see cref="OrderTransitions"/>, never by saving this entity.
/// </summary>
public sealed class Order : IVersioned
{
    public Guid Id { get; set; }

    public Guid BuyerId { get; set; }

    public Guid SellerId { get; set; }

    public Guid ListingId { get; set; }

    public Guid? FlashSaleId { get; set; }

    public Guid? ReservationId { get; set; }

    public int Quantity { get; set; }

    public Money UnitPrice { get; set; } = null!;

    public Money Total { get; set; } = null!;

    public OrderState State { get; set; }

    public int Version { get; set; }

    /// <summary>Unpaid past this instant, the timeout canceller cancels it.</summary>
    public DateTimeOffset PaymentDeadline { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
