using System.Collections.Concurrent;
using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The per-category thresholds of each model version, read from the service's <c>GET /v1/model</c> once per
/// version: verdicts carry scores and an action but not which categories crossed which line.
/// </summary>
public sealed class ModelThresholds
{
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, CategoryThreshold>> _byVersion = new(StringComparer.Ordinal);

    /// <summary>
    /// The thresholds of <paramref name="modelVersion"/>, or the serving model's when the service swapped bundles
    /// between the verdict and this call (the action stays the verdict's; only the explanation could differ).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CategoryThreshold>> ForAsync(
        ModerationClient client, string modelVersion, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue(modelVersion, out var known))
        {
            return known;
        }

        var model = await client.GetModelAsync(cancellationToken);
        _byVersion[model.ModelVersion] = model.Thresholds;
        return model.Thresholds;
    }
}
