namespace Marketplace.Api.Features.FlashSales;

/// <summary>The version-checked stock update lost every attempt; the message is retried later.</summary>
public sealed class StockContentionException(Guid saleId, int attempts)
    : Exception($"Flash sale {saleId}: the stock update lost {attempts} version races in a row.");
