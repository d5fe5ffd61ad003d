namespace Marketplace.Api.Features.Orders;

/// <summary>An unpaid order past its deadline, as the timeout canceller claimed it.</summary>
public sealed record PendingOrder(Guid Id, Guid BuyerId, Guid? FlashSaleId, DateTimeOffset PaymentDeadline);
