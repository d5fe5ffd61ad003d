namespace Marketplace.Api.Features.Reviews;

/// <summary>Who produced an audit row in <c>review_verdicts</c>.</summary>
public static class VerdictSources
{
    /// <summary>The worker's first verdict from the inference service.</summary>
    public const string Auto = "auto";

    /// <summary>An admin's decision on a HELD review.</summary>
    public const string Admin = "admin";

    /// <summary>A later re-scoring with the bundle the service serves then.</summary>
    public const string Remoderation = "remoderation";

    /// <summary>The author's appeal of a rejection.</summary>
    public const string Appeal = "appeal";

    public static IReadOnlyList<string> All { get; } = [Auto, Admin, Remoderation, Appeal];
}
