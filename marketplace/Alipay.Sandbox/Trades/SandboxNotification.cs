namespace Alipay.Sandbox.Trades;

/// <summary>A signed async notification and its delivery state; the same signed fields are resent on every attempt.</summary>
public sealed class SandboxNotification
{
    public required string NotifyId { get; init; }

    public required string NotifyUrl { get; init; }

    public required Dictionary<string, string> Fields { get; init; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    public bool Delivered { get; set; }

    public bool GaveUp { get; set; }

    public string? LastResult { get; set; }

    public List<DateTimeOffset> AttemptedAt { get; init; } = [];

    public bool IsPending => !Delivered && !GaveUp;
}
