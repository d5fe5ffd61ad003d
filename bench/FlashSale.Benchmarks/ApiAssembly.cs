namespace FlashSale.Benchmarks;

/// <summary>The marketplace API's own build output, which the flash-sale and cache benchmarks run as a separate process.</summary>
public static class ApiAssembly
{
    /// <summary>The API's dll under <paramref name="root"/> in the configuration the benchmark was built in.</summary>
    public static string Find(string root)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(root, "marketplace", "Marketplace.Api", "bin", configuration, "net10.0", "Marketplace.Api.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build the API first ({configuration}).", path);
    }
}
