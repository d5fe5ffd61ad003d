using Marketplace.Alipay;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Payments;

/// <summary>
/// A relative <c>Alipay:KeyDirectory</c> (the default <c>.services/alipay</c>, where the local sandbox
/// writes its keys) is resolved against the repository root, found by walking up to
/// <c>Moderation.sln</c> from the working directory or the binaries; otherwise the working directory.
/// </summary>
public sealed class AlipayKeyDirectoryDefaults : IPostConfigureOptions<AlipayOptions>
{
    public void PostConfigure(string? name, AlipayOptions options)
    {
        if (options.KeyDirectory is { Length: > 0 } dir && !Path.IsPathRooted(dir))
        {
            options.KeyDirectory = Path.GetFullPath(Path.Combine(FindRepositoryRoot() ?? Directory.GetCurrentDirectory(), dir));
        }
    }

    private static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }
}
