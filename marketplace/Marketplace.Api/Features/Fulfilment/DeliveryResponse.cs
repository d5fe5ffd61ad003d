namespace Marketplace.Api.Features.Fulfilment;

/// <summary>What the buyer sees of a shipped order's delivery.</summary>
public sealed record DeliveryResponse(Guid OrderId, string Kind, string? Secret, string? Note, DateTimeOffset ShippedAt);
