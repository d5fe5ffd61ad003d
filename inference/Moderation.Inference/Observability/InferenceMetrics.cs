using System.Diagnostics.Metrics;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Observability;

/// <summary>
/// The service's own meter (exported as Prometheus text at /metrics): requests by outcome, request latency,
/// texts scored, rows per text, ONNX Runtime batch sizes, queue depth (rows), and the serving model version as an info gauge.
/// </summary>
public sealed class InferenceMetrics
{
    public const string MeterName = "Moderation.Inference";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _texts;
    private readonly Histogram<double> _latency;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<int> _segments;

    public InferenceMetrics(IMeterFactory meters, ModelHolder holder)
    {
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("moderation.requests", description: "Moderation requests by outcome");
        _texts = _meter.CreateCounter<long>("moderation.texts", description: "Texts scored");
        _latency = _meter.CreateHistogram<double>("moderation.request.duration", "s", "Time from request to verdicts",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] });
        _batchSize = _meter.CreateHistogram<int>("moderation.batch.size", "{row}", "Rows per ONNX Runtime call",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _segments = _meter.CreateHistogram<int>("moderation.text.segments", "{row}", "Rows (windows and sentences) scored per text",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _meter.CreateObservableGauge("moderation.model.info", () =>
        {
            var current = holder.Current;
            return current is null
                ? []
                : new[] { new Measurement<int>(1, new KeyValuePair<string, object?>("version", current.Bundle.Version), new KeyValuePair<string, object?>("provider", current.Provider)) };
        }, description: "1 for the model version now serving");
    }

    public void ObserveQueueDepth(Func<int> depth) =>
        _meter.CreateObservableGauge("moderation.queue.depth", depth, "{row}", "Rows admitted and not yet scored");

    public void RecordRequest(string outcome, double seconds)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _latency.Record(seconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void RecordTexts(int count) => _texts.Add(count);

    public void RecordBatch(int size) => _batchSize.Record(size);

    public void RecordSegments(int rows) => _segments.Record(rows);
}
