namespace Marketplace.Api.Features.FlashSales;

/// <summary>Publishes reservations for order creation; throws when the broker did not acknowledge.</summary>
public interface IOrderRequestPublisher
{
    Task PublishAsync(OrderRequested message, CancellationToken cancellationToken);
}
