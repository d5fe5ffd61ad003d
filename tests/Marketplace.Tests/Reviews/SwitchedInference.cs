using Moderation.Inference.Tests;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// The real inference service on <see cref="KnownActionBundle"/> behind an <see cref="InferenceSwitch"/> that tests
/// turn off, slow down or make answer badly; the pair the outage and malformed-verdict tests each start per test.
/// </summary>
internal sealed class SwitchedInference : IAsyncDisposable
{
    private readonly InferenceServer _inference;

    private SwitchedInference(KnownActionBundle bundle, InferenceServer inference, InferenceSwitch gate)
    {
        Bundle = bundle;
        _inference = inference;
        Switch = gate;
    }

    public KnownActionBundle Bundle { get; }

    public InferenceSwitch Switch { get; }

    public static async Task<SwitchedInference> StartAsync()
    {
        var bundle = await KnownActionBundle.GetAsync();
        var inference = await InferenceServer.StartAsync(bundle.Directory);
        return new SwitchedInference(bundle, inference, await InferenceSwitch.StartAsync(inference.Address));
    }

    public async ValueTask DisposeAsync()
    {
        await Switch.DisposeAsync();
        await _inference.DisposeAsync();
    }
}
