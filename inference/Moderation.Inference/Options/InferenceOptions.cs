using System.ComponentModel.DataAnnotations;
using Moderation.Text;

namespace Moderation.Inference.Options;

/// <summary>The service's settings (section <c>Inference</c>; <c>--bundle DIR</c> sets <see cref="BundlePath"/>).</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>The model bundle served at start-up.</summary>
    [Required]
    public string BundlePath { get; set; } = "";

    [Range(1, 10_000)]
    public int MaxItems { get; set; } = 64;

    [Range(1, 1_000_000)]
    public int MaxTextChars { get; set; } = 5_000;

    /// <summary>Tokens read per text, &lt;s&gt; and &lt;/s&gt; included; the bundle's own limit caps it.</summary>
    [Range(2, 8192)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>
    /// Rows scored per text at most: a text longer than the model's window is read in overlapping windows (every
    /// half window), and a text of several sentences also sentence by sentence. 256 covers the 5,000-character
    /// limit for ordinary scripts; a text needing more windows is scored on its first and last ones and held.
    /// </summary>
    [Range(1, 4096)]
    public int MaxSegmentsPerText { get; set; } = SegmentationPolicy.DefaultMaxSegments;

    /// <summary>Largest batch handed to ONNX Runtime.</summary>
    [Range(1, 4096)]
    public int MaxBatch { get; set; } = 64;

    /// <summary>How long the first text of a batch may wait for others to join it.</summary>
    [Range(0, 1_000)]
    public double MaxWaitMs { get; set; } = 2;

    /// <summary>Rows (windows and sentences) admitted but not yet scored; past it requests are shed with 429.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 8_192;

    /// <summary>Seconds a client is told to wait after a 429.</summary>
    [Range(1, 3_600)]
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>A request still unanswered after this is ended with 503 and its texts leave the queue.</summary>
    [Range(1, 3_600_000)]
    public int RequestTimeoutMs { get; set; } = 30_000;

    /// <summary>ONNX Runtime intra-op threads; 0 means one per core.</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Let ONNX Runtime's intra-op threads spin between calls. Off by default: the service's cores also run HTTP and
    /// tokenization, and spinning threads would take their time while the batcher waits for texts.
    /// </summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Ask for the CUDA execution provider (needs the Gpu build); falls back to CPU with a warning.</summary>
    public bool UseCuda { get; set; }

    public int CudaDeviceId { get; set; }

    /// <summary>Key expected in <c>X-Admin-Key</c> by the admin endpoints; empty disables them.</summary>
    public string AdminApiKey { get; set; } = "";

    /// <summary>A folder whose newest bundle (sub-folder with a manifest) is swapped in when it changes; empty disables.</summary>
    public string WatchFolder { get; set; } = "";

    [Range(100, 3_600_000)]
    public int WatchIntervalMs { get; set; } = 2_000;
}
