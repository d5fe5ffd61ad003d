namespace Bench.Reporting;

/// <summary>
/// The folder holding Moderation.sln, found upwards from the working directory, then from the binaries (so
/// `dotnet run --project` and a built dll run from elsewhere both find it). Benchmarks take their default inputs and
/// results folder from here rather than from paths on one machine.
/// </summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "Moderation.sln";

    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"{SolutionFile} not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; run the benchmark from the repository");
    }

    /// <summary>bench/results: where committed figures live.</summary>
    public static string Results() => Path.Combine(Find(), "bench", "results");

    /// <summary>A path inside the repository from its parts, e.g. <c>In("models", "reference")</c>.</summary>
    public static string In(params string[] parts) => Path.Combine([Find(), .. parts]);
}
