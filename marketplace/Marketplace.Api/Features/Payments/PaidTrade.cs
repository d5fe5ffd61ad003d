namespace Marketplace.Api.Features.Payments;

/// <summary>A gateway trade seen paid (by notification or by query), to be applied to its order.</summary>
public sealed record PaidTrade(Guid OrderId, string OutTradeNo, string TradeNo, decimal Amount, DateTimeOffset? PaidAt);
