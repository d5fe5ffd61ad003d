using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Moderation.Bundles;
using Moderation.Inference.Options;
using Moderation.Inference.Runtime;

namespace Moderation.Inference.Tests;

public class ProbeTests
{
    private static readonly string[] Texts = ["Great seller", "Продавец ответил быстро"];

    private static RuntimeLoader Loader()
    {
        var options = new InferenceOptions { IntraOpThreads = 1, MaxBatch = 8 };
        return new RuntimeLoader(options, new OnnxSessionFactory(options, NullLogger<OnnxSessionFactory>.Instance), NullLogger<RuntimeLoader>.Instance);
    }

    private static void WriteProbe(string bundle, Func<float, float> distort)
    {
        var runtime = Loader().Load(bundle);
        var output = runtime.Run(Texts.Select(t => TextEncoder.Encode(runtime, t).Ids).ToList());
        runtime.Release();
        var probe = new
        {
            texts = Texts,
            familyLogits = Enumerable.Range(0, Texts.Length).Select(r => output.Family(r).ToArray().Select(distort).ToArray()),
            categoryLogits = Enumerable.Range(0, Texts.Length).Select(r => output.Category(r).ToArray().Select(distort).ToArray()),
        };
        File.WriteAllText(Path.Combine(bundle, ProbeSet.ProbeFile), JsonSerializer.Serialize(probe));
        TestBundles.WriteManifest(bundle, "probe");
    }

    [Fact]
    public void A_bundle_whose_graph_reproduces_its_probe_json_loads()
    {
        var bundle = TestBundles.MeanPool(seed: 7);
        WriteProbe(bundle, v => v + 5e-5f);
        var runtime = Loader().Load(bundle);
        Assert.Equal(TestBundles.Version(bundle), runtime.Bundle.Version);
        runtime.Release();
    }

    [Fact]
    public async Task A_bundle_whose_graph_disagrees_with_its_probe_json_is_refused()
    {
        var bundle = TestBundles.MeanPool(seed: 7);
        WriteProbe(bundle, v => v + 1e-3f);
        var e = Assert.Throws<InvalidBundleException>(() => Loader().Load(bundle));
        Assert.Contains("probe.json", e.Message, StringComparison.Ordinal);

        await using var server = await InferenceServer.StartAsync(TestBundles.MeanPool(seed: 1));
        using var response = await Admin.SwapAsync(server.Client, bundle);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }
}
