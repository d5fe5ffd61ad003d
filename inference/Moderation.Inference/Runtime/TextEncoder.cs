using System.Text;
using Moderation.Text;

namespace Moderation.Inference.Runtime;

/// <summary>
/// Text → token ids exactly as training saw them: unpaired surrogates become U+FFFD (JSON may carry them; NFKC
/// rejects them), then the shared <see cref="TextNormalizer"/>, then the bundle's tokenizer with &lt;s&gt; … &lt;/s&gt;.
/// <see cref="Segment"/> gives every row of a text (the service scores the whole text); <see cref="Encode"/> the
/// first window only (the bundle's probe was written that way).
/// </summary>
public static class TextEncoder
{
    public static TextSegments Segment(ModelRuntime runtime, string text) =>
        TextSegmenter.Segment(runtime.Tokenizer, TextNormalizer.Normalize(ReplaceUnpairedSurrogates(text)), runtime.Segmentation);

    public static (int[] Ids, bool Truncated) Encode(ModelRuntime runtime, string text)
    {
        var normalized = TextNormalizer.Normalize(ReplaceUnpairedSurrogates(text));
        var (ids, truncated) = runtime.Tokenizer.Encode(normalized, runtime.MaxTokens);
        return ([.. ids], truncated);
    }

    public static string ReplaceUnpairedSurrogates(string text)
    {
        if (!HasUnpairedSurrogate(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var rune in EnumerateRunesOrReplacement(text))
        {
            sb.Append(rune);
        }

        return sb.ToString();
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<string> EnumerateRunesOrReplacement(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                yield return text.Substring(i, 2);
                i++;
            }
            else
            {
                yield return char.IsSurrogate(text[i]) ? "\uFFFD" : text[i].ToString();
            }
        }
    }
}
