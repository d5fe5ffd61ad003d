using Marketplace.Demo.Reviews;

namespace Marketplace.Demo.Tests;

public class ReviewSamplesTests
{
    [Fact]
    public void Samples_cover_at_least_ten_languages_and_every_intent()
    {
        Assert.True(ReviewSamples.All.Select(s => s.Language).Distinct().Count() >= 10);
        foreach (var intent in Enum.GetValues<ReviewIntent>())
        {
            Assert.Contains(ReviewSamples.All, s => s.Intent == intent);
        }

        Assert.All(ReviewSamples.All, s => Assert.InRange(s.Rating, 1, 5));
        Assert.Equal(ReviewSamples.All.Count, ReviewSamples.All.Select(s => s.Text).Distinct().Count());
    }

    [Fact]
    public void Each_sample_family_is_the_taxonomy_family_of_its_language()
    {
        var families = LanguageTable();
        Assert.All(ReviewSamples.All, s =>
        {
            Assert.True(families.TryGetValue(s.Language, out var family), $"{s.Language} is not in languages.tsv");
            Assert.Equal(family, s.Family);
        });
    }

    /// <summary>code → family from the taxonomy file the corpus and the model use.</summary>
    private static Dictionary<string, string> LanguageTable()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var path = Path.Combine(dir.FullName, "datasets", "Moderation.Datasets", "Taxonomy", "languages.tsv");
        return File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(cols => cols[0], cols => cols[2], StringComparer.Ordinal);
    }
}
