namespace Moderation.Text;

/// <summary>
/// How a text is cut into the rows a model scores (see <see cref="TextSegmenter"/>). The same policy serves and
/// evaluates, so thresholds chosen on validation hold for what the service does.
/// </summary>
/// <param name="MaxTokens">The model's window, &lt;s&gt; and &lt;/s&gt; included.</param>
/// <param name="MaxSegments">Rows per text at most: windows first, then sentences while room is left.</param>
/// <param name="Sentences">Also score each sentence of a multi-sentence text alone.</param>
public sealed record SegmentationPolicy(int MaxTokens, int MaxSegments = SegmentationPolicy.DefaultMaxSegments, bool Sentences = true)
{
    public const int DefaultMaxSegments = 256;

    /// <summary>Content tokens per window (the window less &lt;s&gt; and &lt;/s&gt;).</summary>
    public int WindowContent => MaxTokens - 2;

    /// <summary>
    /// Windows start every half window, so any span of up to half a window (63 tokens for a 128-token model) lies
    /// wholly inside at least one window; the last window ends at the text's end.
    /// </summary>
    public int Stride => Math.Max(1, WindowContent / 2);

    /// <summary>
    /// Sentences are scored apart only in a text longer than one window: there a friendly opening dilutes an
    /// abusive sentence most. A text that fits is read in one pass, as the model was trained; scoring its sentences
    /// out of context cost 0.02–0.06 of average precision on the corpus's rows written by people
    /// (bench/results/model/README.md, "Whole-text scoring").
    /// </summary>
    public int SentencesAbove => SentenceThreshold ?? WindowContent;

    /// <summary>Overrides <see cref="SentencesAbove"/> (0 = every multi-sentence text; ablations).</summary>
    public int? SentenceThreshold { get; init; }

    /// <summary>One row per text, cut at the window: what the model saw before whole-text verdicts (ablations, probes).</summary>
    public static SegmentationPolicy FirstWindowOnly(int maxTokens) => new(maxTokens, 1, false);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTokens, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSegments, 1);
    }
}
