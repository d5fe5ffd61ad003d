using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Moderation.Inference.Observability;
using Moderation.Inference.Options;

namespace Moderation.Inference.Batching;

/// <summary>
/// Dynamic micro-batching: texts of concurrent requests queue here and leave in batches of up to
/// <see cref="InferenceOptions.MaxBatch"/>, waiting at most <see cref="InferenceOptions.MaxWaitMs"/> after the
/// first text of a batch arrived (and not at all when no request is on its way to the queue). A batch is split
/// by token length before ONNX Runtime sees it. Admission is all-or-nothing per request against
/// <see cref="InferenceOptions.QueueCapacity"/>, so overload sheds whole requests (429) instead of queueing forever.
/// </summary>
public sealed class MicroBatcher : BackgroundService
{
    private readonly Channel<ScoringItem> _queue = Channel.CreateUnbounded<ScoringItem>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly InferenceOptions _options;
    private readonly InferenceMetrics _metrics;
    private readonly ILogger<MicroBatcher> _logger;
    private readonly long _maxWaitTicks;
    private int _queued;
    private int _arriving;

    public MicroBatcher(IOptions<InferenceOptions> options, InferenceMetrics metrics, ILogger<MicroBatcher> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _logger = logger;
        _maxWaitTicks = (long)(_options.MaxWaitMs * Stopwatch.Frequency / 1000.0);
        metrics.ObserveQueueDepth(() => Volatile.Read(ref _queued));
    }

    public int QueueDepth => Volatile.Read(ref _queued);

    /// <summary>Marks a request as on its way to the queue (tokenizing); the batcher waits for such requests only.</summary>
    public void BeginArrival() => Interlocked.Increment(ref _arriving);

    public void EndArrival() => Interlocked.Decrement(ref _arriving);

    /// <summary>Queues all of a request's rows, or none of them when the queue lacks room.</summary>
    public bool TryEnqueue(IReadOnlyList<ScoringItem> items)
    {
        var after = Interlocked.Add(ref _queued, items.Count);
        if (after > _options.QueueCapacity)
        {
            Interlocked.Add(ref _queued, -items.Count);
            return false;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var item in items)
        {
            item.EnqueuedAt = now;
            _queue.Writer.TryWrite(item);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ScoringItem>(_options.MaxBatch);
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                Drain(reader, batch);
                await FillAsync(reader, batch, stoppingToken);
                Interlocked.Add(ref _queued, -batch.Count);
                batch.RemoveAll(static item => item.IsAbandoned);
                if (batch.Count > 0)
                {
                    Score(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: requests still queued are ended by their own cancellation.
        }
    }

    private async Task FillAsync(ChannelReader<ScoringItem> reader, List<ScoringItem> batch, CancellationToken stoppingToken)
    {
        var deadline = batch[0].EnqueuedAt + _maxWaitTicks;
        while (batch.Count < _options.MaxBatch && Volatile.Read(ref _arriving) > 0)
        {
            var remaining = deadline - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var more = reader.WaitToReadAsync(stoppingToken);
            if (!more.IsCompleted)
            {
                var timeout = TimeSpan.FromSeconds((double)remaining / Stopwatch.Frequency);
                if (await Task.WhenAny(more.AsTask(), Task.Delay(timeout, stoppingToken)) is not Task<bool> { IsCompletedSuccessfully: true })
                {
                    return;
                }
            }

            Drain(reader, batch);
        }

        Drain(reader, batch);
    }

    private void Drain(ChannelReader<ScoringItem> reader, List<ScoringItem> batch)
    {
        while (batch.Count < _options.MaxBatch && reader.TryRead(out var item))
        {
            batch.Add(item);
        }
    }

    private void Score(List<ScoringItem> batch)
    {
        var rows = new List<int[]>(batch.Count);
        foreach (var (start, end) in LengthBuckets.Split(batch))
        {
            rows.Clear();
            for (var i = start; i < end; i++)
            {
                rows.Add(batch[i].Tokens);
            }

            try
            {
                var output = batch[start].Runtime.Run(rows);
                _metrics.RecordBatch(rows.Count);
                for (var i = start; i < end; i++)
                {
                    batch[i].Complete(new ItemLogits(output.Family(i - start).ToArray(), output.Category(i - start).ToArray()));
                }
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Scoring a batch of {Rows} texts failed", rows.Count);
                for (var i = start; i < end; i++)
                {
                    batch[i].Fail(e);
                }
            }
        }
    }
}
