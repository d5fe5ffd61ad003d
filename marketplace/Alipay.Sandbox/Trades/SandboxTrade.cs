using Marketplace.Alipay.Trades;

namespace Alipay.Sandbox.Trades;

/// <summary>One trade as the gateway keeps it. Mutated only under <see cref="TradeStore"/>'s lock.</summary>
public sealed class SandboxTrade
{
    public required string OutTradeNo { get; init; }

    public required string TradeNo { get; init; }

    public required string AppId { get; init; }

    public required string Subject { get; init; }

    public string? Body { get; init; }

    public required decimal TotalAmount { get; init; }

    public TradeStatus Status { get; set; } = TradeStatus.WaitBuyerPay;

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? BuyerId { get; set; }

    public string? BuyerLogonId { get; set; }

    public string? NotifyUrl { get; init; }

    public string? ReturnUrl { get; init; }

    public string? PassbackParams { get; init; }

    public decimal RefundedAmount { get; set; }

    public List<SandboxRefund> Refunds { get; init; } = [];

    public List<SandboxNotification> Notifications { get; init; } = [];
}
