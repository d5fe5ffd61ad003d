using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>The verdict actions as stored in the audit table, and the status each one leads to.</summary>
public static class ReviewActions
{
    public const string Allow = "allow";
    public const string Hold = "hold";
    public const string Reject = "reject";

    public static string ToName(this ModerationAction action) => action switch
    {
        ModerationAction.Allow => Allow,
        ModerationAction.Hold => Hold,
        ModerationAction.Reject => Reject,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown moderation action"),
    };

    public static string ToStatus(this ModerationAction action) => action switch
    {
        ModerationAction.Allow => ReviewStatuses.Published,
        ModerationAction.Hold => ReviewStatuses.Held,
        ModerationAction.Reject => ReviewStatuses.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown moderation action"),
    };
}
