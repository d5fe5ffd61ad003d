namespace Moderation.Text;

/// <summary>
/// Cuts a normalised text into the rows the model scores, so no part of a review goes unread:
/// <list type="bullet">
/// <item>windows of the model's width over the whole text, every <see cref="SegmentationPolicy.Stride"/> tokens,
/// the last one ending at the text's end (a text that fits is one window, exactly as it was scored before);</item>
/// <item>then, for a text longer than a window (<see cref="SegmentationPolicy.SentencesAbove"/>) and of several
/// sentences, each sentence alone (tokenised alone, as it would be if posted alone), so a friendly opening cannot
/// dilute an abusive sentence.</item>
/// </list>
/// A repeated sentence is scored once. Rows beyond <see cref="SegmentationPolicy.MaxSegments"/> are dropped, the
/// longest sentences first; when windows alone do not fit, the first ones and the last are kept and the result is
/// <see cref="TextSegments.Truncated"/>.
/// </summary>
public static class TextSegmenter
{
    public static TextSegments Segment(XlmrTokenizer tokenizer, string normalized, SegmentationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(normalized);
        ArgumentNullException.ThrowIfNull(policy);
        var pieces = tokenizer.EncodePieces(normalized);
        var starts = WindowStarts(pieces.Count, policy.WindowContent, policy.Stride);
        var truncated = starts.Count > policy.MaxSegments;
        if (truncated)
        {
            // Keep the opening windows and the one that ends the text; a one-row budget keeps the opening only.
            var last = starts[^1];
            starts = [.. starts.Take(Math.Max(1, policy.MaxSegments - 1))];
            if (policy.MaxSegments > 1)
            {
                starts.Add(last);
            }
        }

        var rows = new List<TextSegment>(starts.Count);
        foreach (var start in starts)
        {
            rows.Add(new TextSegment(Wrap(pieces, start, Math.Min(policy.WindowContent, pieces.Count - start)), IsWindow: true));
        }

        if (policy.Sentences && pieces.Count > policy.SentencesAbove && rows.Count < policy.MaxSegments)
        {
            AddSentences(tokenizer, normalized, policy, rows);
        }

        return new TextSegments(rows, truncated);
    }

    /// <summary>Where each window starts: 0, stride, 2·stride, … and finally <c>count − width</c>.</summary>
    public static List<int> WindowStarts(int count, int width, int stride)
    {
        if (count <= width)
        {
            return [0];
        }

        var starts = new List<int>();
        for (var start = 0; start + width < count; start += stride)
        {
            starts.Add(start);
        }

        starts.Add(count - width);
        return starts;
    }

    private static void AddSentences(XlmrTokenizer tokenizer, string normalized, SegmentationPolicy policy, List<TextSegment> rows)
    {
        var sentences = SentenceSplitter.Split(normalized);
        if (sentences.Count < 2)
        {
            return;
        }

        // A repeated sentence is scored once. A sentence longer than a window is read by the windows already;
        // an empty one carries nothing. Over budget, the shortest sentences stay: the windows dilute them most.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var candidates = new List<int[]>();
        foreach (var sentence in sentences)
        {
            var ids = tokenizer.EncodePieces(sentence);
            if (ids.Count > 0 && ids.Count <= policy.WindowContent && seen.Add(string.Join(',', ids)))
            {
                candidates.Add(Wrap(ids, 0, ids.Count));
            }
        }

        var room = policy.MaxSegments - rows.Count;
        var kept = candidates.Count <= room
            ? candidates
            : [.. candidates.Select((ids, order) => (ids, order)).OrderBy(c => c.ids.Length).ThenBy(c => c.order).Take(room).OrderBy(c => c.order).Select(c => c.ids)];
        rows.AddRange(kept.Select(ids => new TextSegment(ids, IsWindow: false)));
    }

    private static int[] Wrap(IReadOnlyList<int> pieces, int start, int count)
    {
        var ids = new int[count + 2];
        ids[0] = XlmrTokenizer.BosId;
        for (var i = 0; i < count; i++)
        {
            ids[i + 1] = pieces[start + i];
        }

        ids[^1] = XlmrTokenizer.EosId;
        return ids;
    }
}
