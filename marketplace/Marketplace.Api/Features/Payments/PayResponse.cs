namespace Marketplace.Api.Features.Payments;

/// <summary>Where to send the buyer: the signed alipay.trade.page.pay URL.</summary>
public sealed record PayResponse(Uri PaymentUrl, string OutTradeNo, DateTimeOffset ExpiresAt);
