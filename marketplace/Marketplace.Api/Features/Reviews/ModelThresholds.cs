using System.Collections.Concurrent;
using Moderation.Contracts;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// The per-category thresholds of each model version, read from the service's <c>GET /v1/model</c> once per
/// version: verdicts carry scores and an action but not which categories crossed which line.
/// </summary>
public sealed partial class ModelThresholds(ILogger<ModelThresholds> logger)
{
    private static readonly IReadOnlyDictionary<string, CategoryThreshold> None = new Dictionary<string, CategoryThreshold>();

    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, CategoryThreshold>> _byVersion = new(StringComparer.Ordinal);

    /// <summary>
    /// The thresholds of <paramref name="modelVersion"/>, or the serving model's when the service swapped bundles
    /// between the verdict and this call (the action stays the verdict's; only the explanation could differ).
    /// Thresholds only explain a verdict, so a service that refuses <c>/v1/model</c> gets none (the explanation
    /// falls back to the top score) rather than failing the verdicts.
    /// </summary>
    /// <exception cref="ModerationUnavailableException">The service could not be reached.</exception>
    public async Task<IReadOnlyDictionary<string, CategoryThreshold>> ForAsync(
        ModerationClient client, string modelVersion, CancellationToken cancellationToken)
    {
        if (_byVersion.TryGetValue(modelVersion, out var known))
        {
            return known;
        }

        try
        {
            var model = await client.GetModelAsync(cancellationToken);
            _byVersion[model.ModelVersion] = model.Thresholds;
            return model.Thresholds;
        }
        catch (ModerationServiceException ex)
        {
            LogNoThresholds(logger, modelVersion, ex.Message);
            return None;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No thresholds for model {ModelVersion} ({Error}); rejected categories name the top score")]
    private static partial void LogNoThresholds(ILogger logger, string modelVersion, string error);
}
