namespace Marketplace.Api.Features.FlashSales;

/// <summary>Where a sale's window stands relative to now; derived, never stored.</summary>
public static class FlashSaleStatus
{
    public const string Scheduled = "scheduled";
    public const string Active = "active";
    public const string Ended = "ended";
}
