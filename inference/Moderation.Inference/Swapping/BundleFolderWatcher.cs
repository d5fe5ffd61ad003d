using Microsoft.Extensions.Options;
using Moderation.Bundles;
using Moderation.Inference.Options;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Swapping;

/// <summary>
/// Watches <see cref="InferenceOptions.WatchFolder"/>: the sub-folder whose manifest.json is newest is swapped in
/// when it is not the one serving. Polling (not file events) sees bundles copied in by any means, and a bundle
/// is tried once per manifest write, so a refused one is not retried until it changes.
/// </summary>
public sealed class BundleFolderWatcher(BundleSwapper swapper, ModelHolder holder, IOptions<InferenceOptions> options, ILogger<BundleFolderWatcher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = options.Value.WatchFolder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        var tried = new HashSet<(string, DateTime)>();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.WatchIntervalMs));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var newest = Newest(folder);
            var current = holder.Current;
            if (newest is null || current is null || string.Equals(Path.GetFullPath(newest.Value.Directory), current.Bundle.Directory, StringComparison.Ordinal)
                || !tried.Add(newest.Value))
            {
                continue;
            }

            try
            {
                await swapper.SwapAsync(newest.Value.Directory, stoppingToken);
            }
            catch (InvalidBundleException e)
            {
                logger.LogError("Watched bundle refused, still serving {Version}: {Reason}", current.Bundle.Version, e.Message);
            }
            catch (SwapInProgressException)
            {
                tried.Remove(newest.Value);
            }
        }
    }

    private static (string Directory, DateTime Written)? Newest(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Directory.EnumerateDirectories(folder)
            .Select(d => (Directory: d, Manifest: Path.Combine(d, "manifest.json")))
            .Where(d => File.Exists(d.Manifest))
            .Select(d => ((string, DateTime)?)(d.Directory, File.GetLastWriteTimeUtc(d.Manifest)))
            .MaxBy(d => d!.Value.Item2);
    }
}
