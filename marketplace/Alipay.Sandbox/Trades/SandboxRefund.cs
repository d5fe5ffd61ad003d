namespace Alipay.Sandbox.Trades;

/// <summary>One accepted refund, keyed by the merchant's out_request_no (a repeat is answered without moving money).</summary>
public sealed record SandboxRefund(string OutRequestNo, decimal Amount, DateTimeOffset At, string? Reason);
