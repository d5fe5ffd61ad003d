namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// Thrown by a consumer's handler for a message that can never succeed (unreadable, or out of retries of its own):
/// <see cref="CommittingKafkaConsumer"/> dead-letters it at once instead of retrying it in place.
/// </summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException()
    {
    }

    public PoisonMessageException(string message)
        : base(message)
    {
    }

    public PoisonMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Attempts the message had when it was given up (its own count, when it keeps one); null: this delivery's.</summary>
    public int? Attempts { get; init; }
}
