namespace Marketplace.Api.Features.FlashSales;

public sealed record CreatedFlashSale(Guid Id);
