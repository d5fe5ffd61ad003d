using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Moderation.Bundles;
using Moderation.Text;

namespace Moderation.Inference.Runtime;

/// <summary>
/// One loaded bundle: its ONNX Runtime session, tokenizer and labels (and, when the bundle's model takes character
/// n-grams, the hasher that turns each scored row into them). Reference-counted: the holder owns one
/// reference and every request takes one, so after a hot swap the session is disposed only when the last
/// request that started on it has finished.
/// </summary>
public sealed class ModelRuntime
{
    public const string InputIds = "input_ids";
    public const string AttentionMask = "attention_mask";
    public const string FamilyLogits = "family_logits";
    public const string CategoryLogits = "category_logits";
    public const string CharNgramIds = OnnxSignature.CharNgramIds;
    public const string CharNgramMask = OnnxSignature.CharNgramMask;

    private static readonly string[] InputNames = [InputIds, AttentionMask];
    private static readonly string[] InputNamesWithNgrams = [InputIds, AttentionMask, CharNgramIds, CharNgramMask];
    private static readonly string[] OutputNames = [FamilyLogits, CategoryLogits];

    private readonly InferenceSession _session;
    private readonly BatchBuffers _buffers;
    private readonly Lock _runLock = new();
    private readonly RunOptions _runOptions = new();
    private int _references = 1;

    internal ModelRuntime(ModelBundle bundle, XlmrTokenizer tokenizer, InferenceSession session, string provider, int maxTokens, int maxSegments)
    {
        Bundle = bundle;
        Tokenizer = tokenizer;
        _session = session;
        Provider = provider;
        MaxTokens = maxTokens;
        Segmentation = new SegmentationPolicy(maxTokens, maxSegments);
        Verdicts = new VerdictRules(bundle.Labels, bundle.Version);
        Ngrams = bundle.Labels.CharNgramBuckets is { } buckets ? new CharNgramHasher(buckets) : null;
        _buffers = new BatchBuffers(bundle.Labels.Families.Count, bundle.Labels.Categories.Count);
        LoadedAt = DateTimeOffset.UtcNow;
    }

    public ModelBundle Bundle { get; }

    public XlmrTokenizer Tokenizer { get; }

    public VerdictRules Verdicts { get; }

    /// <summary>Hashes each row's text for a model with the n-gram input; null for bundles without it.</summary>
    public CharNgramHasher? Ngrams { get; }

    /// <summary>"CPU" or "CUDA".</summary>
    public string Provider { get; }

    /// <summary>Tokens read per text, &lt;s&gt; and &lt;/s&gt; included.</summary>
    public int MaxTokens { get; }

    /// <summary>How a text becomes rows: windows of <see cref="MaxTokens"/> and its sentences, at most MaxSegmentsPerText.</summary>
    public SegmentationPolicy Segmentation { get; }

    public DateTimeOffset LoadedAt { get; }

    public bool IsDisposed => Volatile.Read(ref _references) <= 0;

    /// <summary>Takes a reference unless the runtime is already released for good.</summary>
    public bool TryAcquire()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            lock (_runLock)
            {
                _runOptions.Dispose();
                _session.Dispose();
            }
        }
    }

    /// <summary>
    /// Scores token rows in one ONNX Runtime call: rows are padded with &lt;pad&gt; (1) and attention mask 0 to the
    /// longest row, which the model ignores, so a text's logits do not depend on its batch. A model with the n-gram
    /// input also gets each row's n-grams (of the text the row's tokens spell: every window and sentence its own),
    /// padded the same way under mask 0.
    /// </summary>
    public BatchOutput Run(IReadOnlyList<int[]> rows)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var width = 0;
        foreach (var row in rows)
        {
            width = Math.Max(width, row.Length);
        }

        var families = Bundle.Labels.Families.Count;
        var categories = Bundle.Labels.Categories.Count;
        NgramRows? ngrams = Ngrams is null ? null : NgramInput(rows, Ngrams);
        lock (_runLock)
        {
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            _buffers.EnsureCapacity(rows.Count, width);
            var ids = _buffers.InputIds.AsSpan(0, rows.Count * width);
            var mask = _buffers.AttentionMask.AsSpan(0, rows.Count * width);
            ids.Fill(XlmrTokenizer.PadId);
            mask.Clear();
            for (var r = 0; r < rows.Count; r++)
            {
                var row = rows[r];
                var offset = r * width;
                for (var t = 0; t < row.Length; t++)
                {
                    ids[offset + t] = row[t];
                }

                mask.Slice(offset, row.Length).Fill(1);
            }

            long[] inputShape = [rows.Count, width];
            using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _buffers.InputIds.AsMemory(0, rows.Count * width), inputShape);
            using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _buffers.AttentionMask.AsMemory(0, rows.Count * width), inputShape);
            using var familyValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _buffers.FamilyLogits.AsMemory(0, rows.Count * families), [rows.Count, families]);
            using var categoryValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _buffers.CategoryLogits.AsMemory(0, rows.Count * categories), [rows.Count, categories]);
            if (ngrams is { } n)
            {
                long[] ngramShape = [rows.Count, n.Width];
                using var ngramIds = OrtValue.CreateTensorValueFromMemory(n.Ids, ngramShape);
                using var ngramMask = OrtValue.CreateTensorValueFromMemory(n.Mask, ngramShape);
                _session.Run(_runOptions, InputNamesWithNgrams, [idsValue, maskValue, ngramIds, ngramMask], OutputNames, [familyValue, categoryValue]);
            }
            else
            {
                _session.Run(_runOptions, InputNames, [idsValue, maskValue], OutputNames, [familyValue, categoryValue]);
            }

            return new BatchOutput(rows.Count, families, categories,
                _buffers.FamilyLogits.AsSpan(0, rows.Count * families).ToArray(),
                _buffers.CategoryLogits.AsSpan(0, rows.Count * categories).ToArray());
        }
    }

    /// <summary>Rows' n-gram ids and mask, [rows, widest row (at least 1)], row-major.</summary>
    private NgramRows NgramInput(IReadOnlyList<int[]> rows, CharNgramHasher hasher)
    {
        var hashed = new int[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            hashed[r] = hasher.ForRow(Tokenizer, rows[r]);
        }

        return NgramRows.Pack(hashed);
    }

    /// <summary>Checks the graph's inputs and outputs against the contract and the bundle's labels.</summary>
    internal void ValidateSignature()
    {
        foreach (var name in Ngrams is null ? InputNames : InputNamesWithNgrams)
        {
            if (!_session.InputMetadata.TryGetValue(name, out var input) || input.ElementDataType != TensorElementType.Int64 || input.Dimensions.Length != 2)
            {
                throw new InvalidBundleException($"bundle '{Bundle.Directory}': model.onnx needs input '{name}' as int64 [batch, sequence]");
            }
        }

        Check(FamilyLogits, Bundle.Labels.Families.Count);
        Check(CategoryLogits, Bundle.Labels.Categories.Count);

        void Check(string name, int width)
        {
            if (!_session.OutputMetadata.TryGetValue(name, out var output) || output.ElementDataType != TensorElementType.Float
                || output.Dimensions.Length != 2 || (output.Dimensions[1] > 0 && output.Dimensions[1] != width))
            {
                throw new InvalidBundleException(
                    $"bundle '{Bundle.Directory}': model.onnx needs output '{name}' as float32 [batch, {width}] to match labels.json");
            }
        }
    }
}
