namespace Marketplace.Api.Features.Fulfilment;

/// <summary>
/// Body of <c>POST /api/orders/{id}/ship</c>. <see cref="Secret"/> is the delivered code or account
/// credentials (required for code and account listings, not accepted for items); <see cref="Note"/>
/// is free text for the buyer.
/// </summary>
public sealed record ShipRequest(string? Secret, string? Note)
{
    public const int MaxSecretLength = 4096;
    public const int MaxNoteLength = 2000;
}
