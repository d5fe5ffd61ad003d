namespace Marketplace.Api.Features.Orders;

/// <summary>The <see cref="OrderHistory.Actor"/> values, built in one place.</summary>
public static class OrderActors
{
    public const string Timeout = "system:timeout";
    public const string FlashSale = "system:flash-sale";

    public static string Buyer(Guid userId) => $"buyer:{userId}";

    public static string Seller(Guid userId) => $"seller:{userId}";
}
