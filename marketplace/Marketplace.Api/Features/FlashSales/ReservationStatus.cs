namespace Marketplace.Api.Features.FlashSales;

/// <summary>
/// RESERVED lives only in Redis (the gate said yes, nothing durable decided yet); ORDERED and
/// RELEASED are the final, durable outcomes in PostgreSQL.
/// </summary>
public static class ReservationStatus
{
    public const string Reserved = "RESERVED";
    public const string Ordered = "ORDERED";
    public const string Released = "RELEASED";
}
