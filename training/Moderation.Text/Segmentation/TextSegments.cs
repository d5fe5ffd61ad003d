namespace Moderation.Text;

/// <summary>The rows of one text; <see cref="Truncated"/> when the row budget left part of the text unscored.</summary>
public sealed record TextSegments(IReadOnlyList<TextSegment> Rows, bool Truncated);
