namespace Marketplace.Api.Features.Payments;

/// <summary>A refund the retrier gave up on, as admins see it: enough to settle it with the gateway by hand.</summary>
public sealed record GivenUpRefund(
    string OutRequestNo,
    Guid OrderId,
    string OutTradeNo,
    decimal Amount,
    string Reason,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? GaveUpAt);
