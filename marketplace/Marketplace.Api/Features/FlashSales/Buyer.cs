namespace Marketplace.Api.Features.FlashSales;

/// <summary>Who is buying, as the gate needs it: the user and, from their token, when their account was created.</summary>
public sealed record Buyer(Guid UserId, DateTimeOffset? AccountCreatedAt);
