using Marketplace.Api.Features.Orders;
using Marketplace.Api.Infrastructure.Persistence;
using StackExchange.Redis;

namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// A cancelled flash-sale order's unit goes back to the sale: PostgreSQL inside the cancelling
/// transaction, then Redis after it committed. The buyer stays recorded (one order per buyer per
/// sale, cancelled or not).
/// </summary>
public sealed partial class FlashSaleStockReturn(FlashSaleGate gate, ILogger<FlashSaleStockReturn> logger) : IStockReturn
{
    private const string Sql = """
        UPDATE flash_sales SET stock = stock + @quantity, version = version + 1
        WHERE id = @id AND stock + @quantity <= total_stock
        """;

    public bool Handles(TransitionedOrder order) => order.FlashSaleId is not null;

    public async Task ReturnAsync(MarketplaceDbContext db, TransitionedOrder order, CancellationToken cancellationToken)
    {
        await using var command = await db.CommandInTransactionAsync(Sql, cancellationToken);
        command.Parameters.AddWithValue("id", order.FlashSaleId!.Value);
        command.Parameters.AddWithValue("quantity", order.Quantity);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException(
                $"Flash sale {order.FlashSaleId} of order {order.Id} is missing or already full; stock not returned.");
        }
    }

    public async Task AfterCommitAsync(TransitionedOrder order, CancellationToken cancellationToken)
    {
        try
        {
            for (var unit = 0; unit < order.Quantity; unit++)
            {
                await gate.ReturnUnitAsync(order.FlashSaleId!.Value);
            }
        }
        catch (RedisException ex)
        {
            LogRedisReturnFailed(logger, ex, order.Id, order.FlashSaleId!.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Order {OrderId} cancelled: stock returned to PostgreSQL but not to Redis for sale {SaleId}")]
    private static partial void LogRedisReturnFailed(ILogger logger, Exception exception, Guid orderId, Guid saleId);
}
