namespace Marketplace.Api.Features.FlashSales;

/// <summary>What one reconciler pass did.</summary>
public sealed record ReconcileReport(int Republished, int Released, int Settled)
{
    public int Total => Republished + Released + Settled;
}
