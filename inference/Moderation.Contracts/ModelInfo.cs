using Moderation.Taxonomy;

namespace Moderation.Contracts;

/// <summary>Answer of <c>GET /v1/model</c>: the bundle now serving and how it runs.</summary>
public sealed record ModelInfo(
    string ModelVersion,
    string RunId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset LoadedAt,
    IReadOnlyList<string> Families,
    IReadOnlyList<string> Categories,
    IReadOnlyDictionary<string, CategoryThreshold> Thresholds,
    int MaxTokens,
    string ExecutionProvider);
