namespace Alipay.Sandbox;

/// <summary>Async notification delivery, section <c>Sandbox:Notifications</c>.</summary>
public sealed class NotificationDeliveryOptions
{
    /// <summary>Alipay's documented schedule after the first attempt: 4m, 10m, 10m, 1h, 2h, 6h, 15h (8 attempts in about 25h).</summary>
    public static readonly TimeSpan[] AlipaySchedule =
    [
        TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1),
        TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(15),
    ];

    /// <summary>Delays between attempts; null means <see cref="AlipaySchedule"/>. Tests compress it to milliseconds.</summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    /// <summary>An attempt not answered within this is a failed attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public int MaxConcurrency { get; set; } = 16;

    public IReadOnlyList<TimeSpan> EffectiveSchedule => RetrySchedule is { Length: > 0 } s ? s : AlipaySchedule;
}
