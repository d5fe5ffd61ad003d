using System.Reflection;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// Where the services' built assemblies are: the project file records each child-process project's target path
/// as <c>AssemblyMetadata("service:&lt;name&gt;", path)</c> when the tests are built, so they run the same build.
/// </summary>
internal static class ChildProcessAssemblies
{
    public static string MarketplaceApi => Find("Marketplace.Api");

    public static string AlipaySandbox => Find("Alipay.Sandbox");

    public static string Inference => Find("Moderation.Inference");

    public static string Demo => Find("Marketplace.Demo");

    public static string Gateway => Find("Marketplace.Gateway");

    /// <summary>The web front-end (recorded by tests/Marketplace.Web.Tests, which compiles this harness in).</summary>
    public static string MarketplaceWeb => Find("Marketplace.Web");

    private static string Find(string name)
    {
        var path = typeof(ChildProcessAssemblies).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "service:" + name)?.Value
            ?? throw new InvalidOperationException($"no build path recorded for {name}; the project reference is missing");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{name} is not built at {path}; build the solution (dotnet build Moderation.sln)", path);
    }
}
