namespace Moderation.Text;

/// <summary>
/// One row for the model: token ids with &lt;s&gt; … &lt;/s&gt;. A window is a slice of the whole text and speaks for
/// the text's language family; a sentence row only adds category evidence.
/// </summary>
public sealed record TextSegment(int[] Ids, bool IsWindow)
{
    /// <summary>Tokens of text in the row (at least 1, so an empty text still weighs).</summary>
    public int ContentTokens => Math.Max(1, Ids.Length - 2);
}
