namespace FlashSale.Benchmarks;

/// <summary>What the stores say after the purchase phase drained (read from PostgreSQL and Redis directly).</summary>
public sealed record SaleInvariants(
    int Stock, int Accepted, int Orders, int Oversold, int DuplicateBuyers, int PgStockLeft, int RedisStockLeft, int Decided)
{
    public bool Holds => Oversold == 0 && DuplicateBuyers == 0 && Orders == Accepted && Orders <= Stock
        && PgStockLeft == Stock - Orders && RedisStockLeft == Stock - Accepted;
}
