using Moderation.Contracts;

namespace Moderation.Inference.Tests;

/// <summary>The service on bundles written by <c>moderation export</c> from TorchSharp models.</summary>
public class ExportedBundleTests(ExportedBundleFixture fixture) : IClassFixture<ExportedBundleFixture>
{
    private static readonly string[] Texts =
    [
        "Great seller, fast delivery, would buy again!",
        "Товар пришёл вовремя, всё отлично работает.",
        "卖家回复很快",
        "   ",
        "Call me at 555 0100 or write to me for a cheaper price " + string.Join(' ', Enumerable.Repeat("cheap", 40)),
        "판매자가 빨리 답해줬어요 🙂",
    ];

    private InferenceServer Server(bool moe) => moe ? fixture.MoeServer : fixture.DenseServer;

    private ExportedModel Model(bool moe) => moe ? fixture.Moe : fixture.Dense;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Category_scores_are_TorchSharps_over_the_whole_text(bool moe)
    {
        var response = await Moderate.PostAsync(Server(moe).Client, Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            var expected = Model(moe).CategoryProbabilities(Texts[i]);
            var scores = response.Results[i].Categories!;
            float[] served = [scores.Abuse, scores.Sexual, scores.Scam, scores.Spam, scores.PersonalInfo];
            for (var c = 0; c < expected.Length; c++)
            {
                Assert.Equal(expected[c], served[c], 1e-4);
            }
        }

        Assert.False(response.Results[4].Truncated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Texts_score_the_same_alone_and_in_concurrent_batches(bool moe)
    {
        var server = Server(moe);
        var alone = new List<ModerationVerdict>();
        foreach (var text in Texts)
        {
            alone.Add((await Moderate.PostAsync(server.Client, text)).Results[0]);
        }

        var together = await Moderate.PostAsync(server.Client, Texts);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 300).Select(async i =>
        {
            await Task.Yield();
            return (Index: i % Texts.Length, Response: await Moderate.PostAsync(server.Client, Texts[i % Texts.Length]));
        }));

        for (var i = 0; i < Texts.Length; i++)
        {
            Moderate.AssertSame(alone[i], together.Results[i]);
        }

        Assert.All(concurrent, c => Moderate.AssertSame(alone[c.Index], c.Response.Results[0]));
    }

    [Fact]
    public async Task A_dense_service_hot_swaps_to_the_MoE_bundle()
    {
        await using var server = await InferenceServer.StartAsync(fixture.Dense.Bundle);
        var before = await Moderate.PostAsync(server.Client, Texts[0]);
        using (var swap = await Admin.SwapAsync(server.Client, fixture.Moe.Bundle))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, swap.StatusCode);
        }

        var after = await Moderate.PostAsync(server.Client, Texts[0]);
        Assert.Equal(TestBundles.Version(fixture.Dense.Bundle), before.ModelVersion);
        Assert.Equal(TestBundles.Version(fixture.Moe.Bundle), after.ModelVersion);
        Moderate.AssertSame((await Moderate.PostAsync(fixture.MoeServer.Client, Texts[0])).Results[0], after.Results[0]);
    }
}
