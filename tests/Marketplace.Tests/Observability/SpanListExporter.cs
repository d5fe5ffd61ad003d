using System.Diagnostics;
using OpenTelemetry;

namespace Marketplace.Tests.Observability;

/// <summary>Appends every exported span to a list the test reads (under the list's lock).</summary>
internal sealed class SpanListExporter(List<Activity> spans) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (spans)
        {
            foreach (var activity in batch)
            {
                spans.Add(activity);
            }
        }

        return ExportResult.Success;
    }
}
