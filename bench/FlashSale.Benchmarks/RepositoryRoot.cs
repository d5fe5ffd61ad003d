namespace FlashSale.Benchmarks;

/// <summary>Finds the repository (the folder holding Moderation.sln) from the benchmark's output folder.</summary>
public static class RepositoryRoot
{
    public static string Find()
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

    /// <summary>The API's own build output in the same configuration the benchmark was built in.</summary>
    public static string ApiAssembly(string root)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(root, "marketplace", "Marketplace.Api", "bin", configuration, "net10.0", "Marketplace.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the API first ({configuration}).", path);
    }
}
