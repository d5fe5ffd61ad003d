namespace Moderation.Inference.Tests;

/// <summary>Services on exported bundles: a dense model and an MoE model, both with LoRA merged by the exporter.</summary>
public sealed class ExportedBundleFixture : IAsyncLifetime
{
    internal ExportedModel Dense { get; } = new(moe: false, seed: 11);

    internal ExportedModel Moe { get; } = new(moe: true, seed: 12);

    internal InferenceServer DenseServer { get; private set; } = null!;

    internal InferenceServer MoeServer { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        DenseServer = await InferenceServer.StartAsync(Dense.Bundle, ("QueueCapacity", "100000"));
        MoeServer = await InferenceServer.StartAsync(Moe.Bundle, ("QueueCapacity", "100000"));
    }

    public async ValueTask DisposeAsync()
    {
        await DenseServer.DisposeAsync();
        await MoeServer.DisposeAsync();
        Dense.Dispose();
        Moe.Dispose();
    }
}
