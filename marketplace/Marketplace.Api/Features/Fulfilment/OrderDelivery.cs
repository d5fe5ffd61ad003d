namespace Marketplace.Api.Features.Fulfilment;

/// <summary>What the seller delivered when shipping; the secret is Data Protection ciphertext.</summary>
public sealed class OrderDelivery
{
    public Guid OrderId { get; set; }

    /// <summary>The listing's kind at shipping time (item, code, account).</summary>
    public string Kind { get; set; } = "";

    public string? ProtectedSecret { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset ShippedAt { get; set; }
}
