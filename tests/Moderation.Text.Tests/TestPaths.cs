namespace Moderation.Text.Tests;

/// <summary>Where the XLM-R reference fixtures are: ../shared/fixtures/xlmr beside the repository root.</summary>
internal static class TestPaths
{
    public static string XlmrFixtures { get; } = Path.GetFullPath(Path.Combine(FindRoot(), "..", "shared", "fixtures", "xlmr"));

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
