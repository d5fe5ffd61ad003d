using System.Net;
using System.Net.Http.Json;
using Moderation.Contracts;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Inference.Tests;

/// <summary>
/// Whole-text verdicts on a model a long review fools (<see cref="MeanPoolGraph.BuildKeyword"/>: abuse is the share
/// of flagged tokens in a row, so a friendly opening dilutes an abusive tail). The service must read every part of
/// the text: an opening of any length up to the review limit cannot hide a tail the model rejects alone.
/// </summary>
public sealed class WholeTextTests : IAsyncLifetime
{
    /// <summary>(script, friendly opening sentence, tail sentence the model flags alone; each fits in one window).</summary>
    private static readonly (string Script, string Opening, string Tail)[] Cases =
    [
        ("Latin", "Great seller, fast delivery, would buy again!", "Click this link to win"),
        ("Cyrillic", "Продавец ответил быстро, спасибо за помощь.", "Товар пришёл вовремя."),
        ("CJK", "卖家回复很快，谢谢！", "质量很好。"),
    ];

    public static TheoryData<string, string, string> Scripts => [.. Cases];

    private InferenceServer? _server;

    private InferenceServer Server => _server ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        // Flag the tails' tokens that no opening uses; reject (and hold) at 0.5 for every category.
        var tokenizer = XlmrTokenizer.Load(TestBundles.TokenizerPath);
        HashSet<int> Tokens(IEnumerable<string> texts) => [.. texts.SelectMany(t => tokenizer.EncodePieces(TextNormalizer.Normalize(t)))];
        var flagged = Tokens(Cases.Select(c => c.Tail));
        flagged.ExceptWith(Tokens(Cases.Select(c => c.Opening)));
        var graph = MeanPoolGraph.BuildKeyword(TestBundles.VocabularySize, Families.All.Count, Categories.All.Count, seed: 3, flagged,
            Categories.All.ToList().IndexOf(Categories.Abuse));
        var bundle = TestBundles.Write(graph, "keyword", threshold: new CategoryThreshold(0.5, 0.5));
        _server = await InferenceServer.StartAsync(bundle, ("QueueCapacity", "100000"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task A_friendly_opening_of_any_length_does_not_hide_a_tail_the_model_rejects_alone(string script, string opening, string tail)
    {
        var tokens = XlmrTokenizer.Load(TestBundles.TokenizerPath).EncodePieces(TextNormalizer.Normalize(tail)).Count;
        Assert.True(tokens <= TestBundles.MaxTokens - 2, $"{script}: the tail must fit in one window for this test ({tokens} tokens)");
        var alone = await Moderate.PostAsync(Server.Client, tail, opening);
        Assert.True(ModerationAction.Reject == alone.Results[0].Action, $"{script}: the tail alone must be rejected for this test");
        Assert.True(ModerationAction.Allow == alone.Results[1].Action, $"{script}: the opening alone must be allowed for this test");

        foreach (var length in new[] { 120, 500, 1000, 1990 })
        {
            var friendly = Repeat(opening, length - tail.Length - 1);
            var response = await Moderate.PostAsync(Server.Client, friendly + " " + tail, friendly);
            var (combined, control) = (response.Results[0], response.Results[1]);

            Assert.True(alone.Results[0].Action == combined.Action, $"{script}, {length} chars: {combined.Action}, the tail alone {alone.Results[0].Action}");
            Assert.Equal(alone.Results[0].Categories!.Abuse, combined.Categories!.Abuse, 1e-5);
            Assert.False(combined.Truncated);
            Assert.True(combined.CoversWholeText);
            Assert.True(ModerationAction.Allow == control.Action, $"{script}, {length} chars: the friendly text alone is {control.Action}");
        }
    }

    [Fact]
    public async Task A_text_over_the_character_limit_gets_its_own_error_and_the_others_are_scored()
    {
        var ct = TestContext.Current.CancellationToken;
        var items = new[] { new ModerationItem("ok", "Great seller, fast delivery"), new ModerationItem("long", new string('x', 5001)) };
        using var response = await Server.Client.PostAsJsonAsync("v1/moderate", new ModerationRequest(items), Moderate.Json, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<ModerationResponse>(Moderate.Json, ct))!;

        Moderate.AssertSame((await Moderate.PostAsync(Server.Client, "Great seller, fast delivery")).Results[0] with { Id = "ok" }, answer.Results[0]);
        var refused = answer.Results[1];
        Assert.Equal("long", refused.Id);
        Assert.Equal("https://moderation.local/problems/inference/text-too-long", refused.Error?.Type);
        Assert.Contains("5001", refused.Error!.Detail, StringComparison.Ordinal);
        Assert.Equal(ModerationAction.Hold, refused.Action);
        Assert.Null(refused.Categories);
    }

    [Fact]
    public async Task A_text_with_more_windows_than_the_row_budget_is_held_and_says_truncated()
    {
        await using var small = await InferenceServer.StartAsync(TestBundles.Write(
            File.ReadAllBytes(Path.Combine(Server.Holder.Current!.Bundle.Directory, "model.onnx")), "keyword-small", threshold: new CategoryThreshold(0.5, 0.5)),
            ("MaxSegmentsPerText", "2"));
        var text = Repeat("Great seller, fast delivery, would buy again!", 1500);
        var verdict = (await Moderate.PostAsync(small.Client, text)).Results[0];
        Assert.True(verdict.Truncated);
        Assert.Equal(ModerationAction.Hold, verdict.Action);
        Assert.False((await Moderate.PostAsync(Server.Client, text)).Results[0].Truncated);
    }

    private static string Repeat(string sentence, int length)
    {
        var text = sentence;
        while (text.Length + 1 + sentence.Length <= length)
        {
            text += " " + sentence;
        }

        return text;
    }
}
