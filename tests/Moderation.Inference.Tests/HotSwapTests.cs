using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Bundles;
using Moderation.Contracts;

namespace Moderation.Inference.Tests;

public class HotSwapTests
{
    [Fact]
    public async Task A_swap_under_load_fails_no_request_and_every_answer_matches_the_model_that_gave_it()
    {
        var first = TestBundles.MeanPool(seed: 1);
        var second = TestBundles.MeanPool(seed: 2);
        await using var server = await InferenceServer.StartAsync(first);
        var text = TestBundles.Corpus[0];
        var before = (await Moderate.PostAsync(server.Client, text)).Results[0];

        using var stop = new CancellationTokenSource();
        var failures = 0;
        var answers = new System.Collections.Concurrent.ConcurrentBag<ModerationResponse>();
        var load = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await server.Client.PostAsJsonAsync("v1/moderate", new ModerationRequest([new ModerationItem("x", text)]));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                    continue;
                }

                answers.Add((await response.Content.ReadFromJsonAsync<ModerationResponse>(Moderate.Json))!);
            }
        })).ToList();

        while (answers.Count < 50)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        using (var swap = await Admin.SwapAsync(server.Client, second))
        {
            Assert.Equal(HttpStatusCode.OK, swap.StatusCode);
        }

        var swappedAt = answers.Count;
        while (answers.Count < swappedAt + 50)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);

        var after = (await Moderate.PostAsync(server.Client, text)).Results[0];
        Assert.Equal(0, failures);
        var byVersion = answers.GroupBy(a => a.ModelVersion).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal([TestBundles.Version(first), TestBundles.Version(second)], byVersion.Keys.Order());
        Assert.All(byVersion[TestBundles.Version(first)], a => Moderate.AssertSame(before, a.Results[0]));
        Assert.All(byVersion[TestBundles.Version(second)], a => Moderate.AssertSame(after, a.Results[0]));
        Assert.NotEqual(before.Categories, after.Categories);
    }

    public static TheoryData<string, string> BadBundles() => new()
    {
        { "sha256", "sha256 mismatch" },
        { "graph", "not an ONNX model" },
        { "operator", "does not load" },
        { "missing", "does not exist" },
    };

    [Theory]
    [MemberData(nameof(BadBundles))]
    public async Task A_bad_bundle_is_refused_with_its_reason_and_the_old_one_keeps_serving(string fault, string reason)
    {
        var good = TestBundles.MeanPool(seed: 1);
        await using var server = await InferenceServer.StartAsync(good);
        var bad = fault switch
        {
            "sha256" => Tampered(),
            "graph" => Rewritten([1, 2, 3, 4, 5]),
            "operator" => Rewritten(UnknownOperatorGraph()),
            _ => Path.Combine(TestBundles.TempDirectory(), "nothing-here"),
        };

        using var response = await Admin.SwapAsync(server.Client, bad);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(reason, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(TestBundles.Version(good), (await Moderate.PostAsync(server.Client, "still here")).ModelVersion);

        static string Tampered()
        {
            var dir = TestBundles.MeanPool(seed: 2);
            File.AppendAllText(Path.Combine(dir, BundleFiles.Labels), " ");
            return dir;
        }

        static string Rewritten(byte[] graph)
        {
            var dir = TestBundles.MeanPool(seed: 2);
            File.WriteAllBytes(Path.Combine(dir, BundleFiles.Model), graph);
            TestBundles.WriteManifest(dir, "broken");
            return dir;
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task The_admin_endpoint_refuses_a_missing_or_wrong_key(string? key)
    {
        var good = TestBundles.MeanPool(seed: 1);
        await using var server = await InferenceServer.StartAsync(good);
        using var response = await Admin.SwapAsync(server.Client, TestBundles.MeanPool(seed: 2), key);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TestBundles.Version(good), server.Holder.Current!.Bundle.Version);
    }

    [Fact]
    public async Task A_bundle_dropped_into_the_watched_folder_is_swapped_in()
    {
        var watched = TestBundles.TempDirectory();
        await using var server = await InferenceServer.StartAsync(TestBundles.MeanPool(seed: 1), ("WatchFolder", watched), ("WatchIntervalMs", "100"));
        var next = TestBundles.MeanPool(seed: 3, directory: Path.Combine(watched, "next"));
        for (var i = 0; i < 300 && server.Holder.Current!.Bundle.Version != TestBundles.Version(next); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal(TestBundles.Version(next), (await Moderate.PostAsync(server.Client, "hello")).ModelVersion);
    }

    // Parses as ONNX with the right signature, but ONNX Runtime knows no such operator.
    private static byte[] UnknownOperatorGraph()
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(MeanPoolGraph.Build(TestBundles.VocabularySize, 25, 5, seed: 4));
        model.Graph.Node.First(n => n.OpType == "Tanh").OpType = "NoSuchOperator";
        return Google.Protobuf.MessageExtensions.ToByteArray(model);
    }
}
