namespace Marketplace.Demo.Wire;

// Listings and flash sales.
public sealed record Price(decimal Amount, string Currency);

public sealed record ListingBody(string Title, string Kind, string Game, string Description, Price Price, int Stock);

public sealed record ListingView(Guid Id, string Title, int Stock, string Status);

public sealed record FlashSaleBody(Guid ListingId, Price Price, int Stock, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int PerUserLimit);

public sealed record CreatedId(Guid Id);

public sealed record FlashSaleView(Guid Id, Guid ListingId, int Stock, int RemainingStock, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status);

public sealed record ReservationAccepted(Guid ReservationId);

public sealed record ReservationView(Guid Id, Guid SaleId, string Status, Guid? OrderId);
