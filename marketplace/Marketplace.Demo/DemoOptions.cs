namespace Marketplace.Demo;

/// <summary>What the scenario runs against and how big it is.</summary>
public sealed record DemoOptions
{
    public required Uri MarketplaceUrl { get; init; }

    public required Uri SandboxUrl { get; init; }

    public required string AdminEmail { get; init; }

    public required string AdminPassword { get; init; }

    public int Buyers { get; init; } = 300;

    public int Stock { get; init; } = 50;

    public int RequestsPerBuyer { get; init; } = 3;

    /// <summary>HTTP requests in flight at once for the per-order steps (register, pay, ship, review...).</summary>
    public int Concurrency { get; init; } = 16;

    public TimeSpan OrderWait { get; init; } = TimeSpan.FromSeconds(120);

    public TimeSpan PaymentWait { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan ReviewWait { get; init; } = TimeSpan.FromSeconds(180);

    public bool SkipReviews { get; init; }

    public string? JsonPath { get; init; }
}
