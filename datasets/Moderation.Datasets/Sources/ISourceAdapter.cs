namespace Moderation.Datasets.Sources;

/// <summary>Reads one declared source into records. Unknown languages or labels throw <see cref="BuildException"/>; malformed rows are counted.</summary>
public interface ISourceAdapter
{
    IEnumerable<SourceRecord> Read(SourceSpec spec, MalformedCounter malformed);
}
