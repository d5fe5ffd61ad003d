using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Locking;

/// <summary>
/// API instances for the background-job lease tests. The database owner runs neither leased job (its refund timer
/// never ticks, its reconciler is off), so the instances a test starts on its database and Redis prefix are the only
/// candidates, each ticking every 200 ms.
/// </summary>
internal sealed class JobHostFactory : MarketplaceApiFactory
{
    private readonly Dictionary<string, string?> _settings;

    public JobHostFactory()
    {
        _settings = Settings(runsJobs: false);
    }

    /// <summary>An instance on <paramref name="owner"/>'s database and Redis prefix that runs both jobs.</summary>
    public JobHostFactory(JobHostFactory owner)
        : base(owner)
    {
        _settings = Settings(runsJobs: true);
    }

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => _settings;

    private static Dictionary<string, string?> Settings(bool runsJobs) => new()
    {
        ["Orders:TimeoutSweepInterval"] = "01:00:00",
        ["Orders:AutoCompleteSweepInterval"] = "01:00:00",
        ["Payments:RefundRetryInterval"] = runsJobs ? "00:00:00.200" : "01:00:00",
        ["FlashSales:ReconcilerEnabled"] = runsJobs ? "true" : "false",
        ["FlashSales:ReconcileIntervalMilliseconds"] = "200",
    };
}
