namespace Moderation.Text;

/// <summary>
/// Splits normalised text into sentences, so a short abusive sentence can be scored apart from a friendly text
/// around it. A sentence ends after a run of <c>! ? 。 ؟ । ።</c> (with any closing quotes or brackets), whether or
/// not a space follows, since Chinese and Japanese put none; a run of <c>.</c> or <c>…</c> ends one only before
/// whitespace, so "3.5", "e.g.x" and URLs stay whole. Whitespace is trimmed; empty sentences are dropped.
/// </summary>
public static class SentenceSplitter
{
    private const string Terminators = "!?。؟।።";
    private const string SoftTerminators = ".…";
    private const string Closers = "\"')]}»”’」』）】";

    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var hard = Terminators.Contains(c, StringComparison.Ordinal);
            if (!hard && !SoftTerminators.Contains(c, StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (Terminators.Contains(text[end], StringComparison.Ordinal) || SoftTerminators.Contains(text[end], StringComparison.Ordinal)))
            {
                hard |= Terminators.Contains(text[end], StringComparison.Ordinal);
                end++;
            }

            while (end < text.Length && Closers.Contains(text[end], StringComparison.Ordinal))
            {
                end++;
            }

            if (hard || end == text.Length || char.IsWhiteSpace(text[end]))
            {
                Add(sentences, text, start, end);
                start = end;
            }

            i = end;
        }

        Add(sentences, text, start, text.Length);
        return sentences;
    }

    private static void Add(List<string> sentences, string text, int start, int end)
    {
        var sentence = text[start..end].Trim();
        if (sentence.Length > 0)
        {
            sentences.Add(sentence);
        }
    }
}
