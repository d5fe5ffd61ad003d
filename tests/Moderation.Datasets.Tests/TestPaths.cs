namespace Moderation.Datasets.Tests;

/// <summary>Locations the tests use: the repository root and a fresh temporary directory.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "moderation-datasets-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (Moderation.sln) not found above the test binaries");
    }
}
