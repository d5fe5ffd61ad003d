namespace Notebooks.Tests;

/// <summary>The repository root (where Moderation.sln lives) and this project's fixtures in the source tree.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Fixture(string relative) => Path.Combine(Root, "tests", "Notebooks.Tests", "Fixtures", relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Moderation.sln not found above " + AppContext.BaseDirectory);
    }
}
