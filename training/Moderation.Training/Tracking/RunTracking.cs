namespace Moderation.Training.Tracking;

/// <summary>
/// Picks the store from a tracking URI (the --tracking-uri option, else MLFLOW_TRACKING_URI, else ./mlruns):
/// http(s):// → <see cref="RestTracker"/>; file:// or a plain path → <see cref="FileStoreTracker"/>.
/// </summary>
public static class RunTracking
{
    public const string EnvironmentVariable = "MLFLOW_TRACKING_URI";
    public const string DefaultStore = "mlruns";

    /// <summary>The effective URI text: the explicit one, else the environment's, else "mlruns".</summary>
    public static string Resolve(string? explicitUri) =>
        !string.IsNullOrWhiteSpace(explicitUri) ? explicitUri
        : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
        : DefaultStore;

    public static IRunTracker Start(string uri, string experimentName, string runName, IReadOnlyDictionary<string, string>? tags = null) =>
        IsHttp(uri, out var http)
            ? RestTracker.Start(http, experimentName, runName, tags)
            : FileStoreTracker.Start(FilePath(uri), experimentName, runName, tags);

    public static IRunTracker Resume(string uri, string experimentId, string runId) =>
        IsHttp(uri, out var http)
            ? RestTracker.Resume(http, runId)
            : FileStoreTracker.Resume(FilePath(uri), experimentId, runId);

    private static bool IsHttp(string uri, out Uri http)
    {
        http = null!;
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            http = parsed;
            return true;
        }

        return false;
    }

    private static string FilePath(string uri)
    {
        if (uri.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : uri["file:".Length..];
        }

        if (uri.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException($"unsupported tracking URI '{uri}' (use a directory, file:///…, or http(s)://…)");
        }

        return uri;
    }
}
