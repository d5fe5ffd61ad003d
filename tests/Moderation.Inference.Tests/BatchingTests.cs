using Moderation.Contracts;

namespace Moderation.Inference.Tests;

public class BatchingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    private static readonly string[] Texts =
    [
        .. TestBundles.Corpus,
        "ok",
        "   ",
        string.Join(' ', Enumerable.Repeat("Great seller, fast delivery", 40)),
        "Un\uD800paired surrogate",
    ];

    [Fact]
    public async Task A_text_scores_the_same_alone_as_in_a_batch_of_other_lengths()
    {
        var alone = new List<ModerationVerdict>();
        foreach (var text in Texts)
        {
            alone.Add((await Moderate.PostAsync(fixture.Server.Client, text)).Results[0]);
        }

        var together = await Moderate.PostAsync(fixture.Server.Client, Texts);
        for (var i = 0; i < Texts.Length; i++)
        {
            Moderate.AssertSame(alone[i], together.Results[i]);
        }
    }

    [Fact]
    public async Task A_thousand_concurrent_requests_are_all_answered_with_their_own_verdicts()
    {
        var expected = new Dictionary<string, ModerationVerdict>();
        foreach (var text in Texts)
        {
            expected[text] = (await Moderate.PostAsync(fixture.Server.Client, text)).Results[0];
        }

        var requests = Enumerable.Range(0, 1000).Select(i => (Index: i, Text: Texts[i % Texts.Length])).ToList();
        var answers = await Task.WhenAll(requests.Select(async r =>
        {
            await Task.Yield();
            return (r.Text, Response: await Moderate.PostAsync(fixture.Server.Client, r.Text));
        }));

        Assert.Equal(1000, answers.Length);
        foreach (var (text, response) in answers)
        {
            Moderate.AssertSame(expected[text], Assert.Single(response.Results));
        }
    }
}
