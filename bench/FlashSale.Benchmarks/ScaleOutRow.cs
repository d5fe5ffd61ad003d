namespace FlashSale.Benchmarks;

/// <summary>
/// One instance count's figures: purchases through the gateway, and the order pipeline from each reservation
/// (<c>flash_reservations.reserved_at</c>) to its order row (<c>orders.created_at</c>).
/// </summary>
public sealed record ScaleOutRow(
    int Instances,
    double PurchaseRps,
    double PurchaseP50Ms,
    double PurchaseP99Ms,
    int PurchaseErrors,
    IReadOnlyDictionary<string, int> PurchaseStatuses,
    int Orders,
    double PipelineSeconds,
    double OrdersPerSecond,
    double OrderLatencyP50Ms,
    double OrderLatencyP95Ms,
    double OrderLatencyP99Ms,
    int Oversold,
    int DuplicateBuyers,
    string LoadAverageBefore);
