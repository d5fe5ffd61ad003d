using System.Text.Json.Serialization;

namespace Moderation.Contracts;

/// <summary>What the caller should do with the text: publish it, hold it for a person, or reject it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ModerationAction>))]
public enum ModerationAction
{
    [JsonStringEnumMemberName("allow")]
    Allow,

    [JsonStringEnumMemberName("hold")]
    Hold,

    [JsonStringEnumMemberName("reject")]
    Reject,
}
