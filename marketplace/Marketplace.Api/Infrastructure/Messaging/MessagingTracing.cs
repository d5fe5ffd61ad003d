using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Marketplace.Api.Infrastructure.Messaging;

/// <summary>
/// Spans for Kafka: a producer span around each send whose context travels in the message's W3C <c>traceparent</c> and
/// <c>tracestate</c> headers, and a consumer span around each handling that continues that trace, so a purchase's
/// request, its message, the consumer and the consumer's SQL are one trace. Span names and attributes follow
/// OpenTelemetry's messaging conventions.
/// </summary>
public static class MessagingTracing
{
    public const string SourceName = "Marketplace.Messaging";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A producer span, with its context written into <paramref name="headers"/> (created when null).</summary>
    public static Activity? StartSend(string topic, ref Headers? headers)
    {
        var activity = Source.StartActivity($"send {topic}", ActivityKind.Producer);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag("messaging.system", "kafka");
        activity.SetTag("messaging.operation.type", "send");
        activity.SetTag("messaging.destination.name", topic);
        var carrier = headers ??= [];
        DistributedContextPropagator.Current.Inject(activity, carrier, static (state, name, value) =>
        {
            var target = (Headers)state!;
            target.Remove(name);
            target.Add(name, Encoding.UTF8.GetBytes(value));
        });
        return activity;
    }

    /// <summary>A consumer span whose parent is the producer span named in the message's headers (none: a new trace).</summary>
    public static Activity? StartProcess(ConsumeResult<string, byte[]> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!Source.HasListeners())
        {
            return null;
        }

        DistributedContextPropagator.Current.ExtractTraceIdAndState(result.Message.Headers, static (object? state, string name, out string? value, out IEnumerable<string>? values) =>
        {
            values = null;
            value = state is Headers headers && headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
        }, out var traceParent, out var traceState);
        ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent);
        var activity = Source.StartActivity($"process {result.Topic}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka");
        activity?.SetTag("messaging.operation.type", "process");
        activity?.SetTag("messaging.destination.name", result.Topic);
        activity?.SetTag("messaging.destination.partition.id", result.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        activity?.SetTag("messaging.kafka.offset", result.Offset.Value);
        return activity;
    }
}
