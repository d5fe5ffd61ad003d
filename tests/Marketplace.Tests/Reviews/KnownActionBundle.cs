using System.Net.Http.Json;
using Moderation.Bundles;
using Moderation.Contracts;
using Moderation.Inference.Tests;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// A real model bundle (the inference tests' mean-pool graph, real tokenizer, manifest with sha256) whose
/// labels.json puts the <c>abuse</c> thresholds between the scores of three corpus texts, so the real service
/// allows <see cref="AllowText"/>, holds <see cref="HoldText"/> and rejects <see cref="RejectText"/>. The other
/// categories' thresholds sit at 1.0 and never trigger. Scores are measured once by the real service itself.
/// </summary>
internal sealed record KnownActionBundle(string Directory, string Version, string AllowText, string HoldText, string RejectText)
{
    private const int Seed = 7;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static KnownActionBundle? _built;

    public static async Task<KnownActionBundle> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _built ??= await BuildAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Another version of the same graph whose thresholds reject every text (re-moderation tests).</summary>
    public static string RejectEverything() => TestBundles.MeanPool(Seed, threshold: new CategoryThreshold(0, 0));

    private static async Task<KnownActionBundle> BuildAsync()
    {
        var directory = TestBundles.MeanPool(Seed);
        var texts = TestBundles.Corpus.Distinct().ToList();
        Dictionary<string, float> abuse;
        await using (var probe = await InferenceServer.StartAsync(directory))
        {
            var response = await probe.Client.PostAsJsonAsync("v1/moderate",
                new ModerationRequest([.. texts.Select((t, i) => new ModerationItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t))]));
            response.EnsureSuccessStatusCode();
            var answer = (await response.Content.ReadFromJsonAsync<ModerationResponse>())!;
            abuse = answer.Results.ToDictionary(v => texts[int.Parse(v.Id, System.Globalization.CultureInfo.InvariantCulture)], v => v.Categories!.Abuse);
        }

        var ranked = abuse.OrderBy(p => p.Value).ToList();
        var low = ranked[0];
        var mid = ranked[ranked.Count / 2];
        var high = ranked[^1];
        if (!(low.Value < mid.Value && mid.Value < high.Value))
        {
            throw new InvalidOperationException("the probe texts did not score apart; pick another seed");
        }

        var hold = (low.Value + mid.Value) / 2.0;
        var reject = (mid.Value + high.Value) / 2.0;
        var labels = new BundleLabels
        {
            Families = Families.All,
            Categories = Categories.All,
            Thresholds = Categories.All.ToDictionary(c => c, c => c == Categories.Abuse ? new CategoryThreshold(reject, hold) : new CategoryThreshold(1.0, 1.0)),
            MaxTokens = TestBundles.MaxTokens,
        };
        File.WriteAllText(Path.Combine(directory, BundleFiles.Labels), labels.ToJson());
        TestBundles.WriteManifest(directory, $"known-actions-seed{Seed}");
        return new KnownActionBundle(directory, TestBundles.Version(directory), low.Key, mid.Key, high.Key);
    }
}
