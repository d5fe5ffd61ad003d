namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>The headers every message on a <c>&lt;topic&gt;.dlq</c> topic carries (UTF-8 text values).</summary>
public static class DeadLetterHeaders
{
    public const string Error = "error";
    public const string Attempts = "attempts";
    public const string OriginalTopic = "original-topic";
    public const string OriginalPartition = "original-partition";
    public const string OriginalOffset = "original-offset";

    /// <summary>The dead-letter topic of <paramref name="topic"/>.</summary>
    public static string TopicFor(string topic) => topic + ".dlq";
}
