namespace Marketplace.Alipay.Notifications;

/// <summary>Why a notification was refused; stable names for the audit trail.</summary>
public enum NotificationRejection
{
    None,
    MissingSignature,
    UnsupportedSignType,
    BadSignature,
    AppIdMismatch,
    MalformedField,
}

/// <summary>The outcome of <see cref="AlipayNotificationVerifier.Verify(IEnumerable{KeyValuePair{string, string}})"/>.</summary>
public sealed record NotificationVerification(AlipayNotification? Notification, NotificationRejection Rejection, string? Reason)
{
    public bool IsValid => Notification is not null;

    public static NotificationVerification Accepted(AlipayNotification notification) => new(notification, NotificationRejection.None, null);

    public static NotificationVerification Refused(NotificationRejection rejection, string reason) => new(null, rejection, reason);
}
