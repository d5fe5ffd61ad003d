namespace Marketplace.Demo.Phases;

/// <summary>Everyone taking part: the admin who runs the sale, the seller, the buyers.</summary>
public sealed record Cast(DemoUser Admin, DemoUser Seller, IReadOnlyList<DemoUser> Buyers);
