using System.Text;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>A dead letter as admins see it: where it came from, why it died, its payload (base64, and as text when it is UTF-8).</summary>
public sealed record DeadLetterView(
    long Id,
    string Topic,
    int Partition,
    long Offset,
    string? Key,
    byte[] Value,
    string? Text,
    string Error,
    int Attempts,
    DateTimeOffset DeadAt,
    int Replays,
    DateTimeOffset? LastReplayedAt)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static DeadLetterView From(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        string? text;
        try
        {
            text = StrictUtf8.GetString(letter.Value);
        }
        catch (DecoderFallbackException)
        {
            text = null;
        }

        return new DeadLetterView(letter.Id, letter.Topic, letter.Partition, letter.Offset, letter.Key, letter.Value, text,
            letter.Error, letter.Attempts, letter.DeadAt, letter.Replays, letter.LastReplayedAt);
    }
}
