using System.Globalization;

namespace Moderation.Training.Training;

/// <summary>
/// A run's checkpoints/step-&lt;N&gt;/ folders: each is written to a temporary folder and renamed, so a crash mid-write
/// leaves the previous checkpoint as the latest; a folder counts as complete once it holds state.json.
/// </summary>
public static class CheckpointDirectory
{
    public const string Name = "checkpoints";
    public const string StateFile = "state.json";
    private const string Prefix = "step-";

    /// <summary>Writes step <paramref name="step"/>'s files through <paramref name="fill"/> (state.json last), then keeps the newest <paramref name="keep"/>.</summary>
    public static string Write(string runDirectory, long step, int keep, Action<string> fill, string stateJson)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var root = Path.Combine(runDirectory, Name);
        var final = Path.Combine(root, Prefix + step.ToString(CultureInfo.InvariantCulture));
        var temp = final + ".tmp";
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
        fill(temp);
        File.WriteAllText(Path.Combine(temp, StateFile), stateJson);
        if (Directory.Exists(final))
        {
            Directory.Delete(final, recursive: true);
        }

        Directory.Move(temp, final);
        foreach (var old in List(runDirectory).SkipLast(keep))
        {
            Directory.Delete(old.Path, recursive: true);
        }

        return final;
    }

    /// <summary>Complete checkpoints, oldest first.</summary>
    public static IReadOnlyList<(long Step, string Path)> List(string runDirectory)
    {
        var root = Path.Combine(runDirectory, Name);
        if (!Directory.Exists(root))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(root, Prefix + "*")
            .Select(path => (ok: long.TryParse(Path.GetFileName(path)[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var step), step, path))
            .Where(x => x.ok && File.Exists(Path.Combine(x.path, StateFile)))
            .OrderBy(x => x.step)
            .Select(x => (x.step, x.path))];
    }

    public static string? Latest(string runDirectory) => List(runDirectory) is { Count: > 0 } all ? all[^1].Path : null;
}
