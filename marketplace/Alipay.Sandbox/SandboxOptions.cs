namespace Alipay.Sandbox;

/// <summary>Configuration section <c>Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Keys, app id and trades live here; default <c>.services/alipay/</c> under the repository root.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>The one app id this gateway serves; default: app_id.txt, generated at first start.</summary>
    public string? AppId { get; set; }

    /// <summary>The merchant's Alipay user id shown as seller_id.</summary>
    public string SellerId { get; set; } = "2088000000000001";

    /// <summary>How long mutations may wait before the trades file is rewritten (they are coalesced).</summary>
    public TimeSpan PersistDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public NotificationDeliveryOptions Notifications { get; set; } = new();
}
