using Microsoft.Extensions.Options;

namespace Alipay.Sandbox;

/// <summary>Resolves where keys and trades live: the configured folder, else <c>.services/alipay/</c> under the repository root.</summary>
public sealed class SandboxDataDirectory
{
    public SandboxDataDirectory(IOptions<SandboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Path = options.Value.DataDirectory is { Length: > 0 } configured
            ? System.IO.Path.GetFullPath(configured)
            : System.IO.Path.Combine(FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), ".services", "alipay");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Moderation.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}
