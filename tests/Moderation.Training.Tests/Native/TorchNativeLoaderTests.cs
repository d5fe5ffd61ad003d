using Moderation.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Native;

public sealed class TorchNativeLoaderTests
{
    [Fact]
    public void Native_backend_loads_and_runs_a_training_step()
    {
        TorchNativeLoader.EnsureLoaded();
        TorchNativeLoader.EnsureLoaded(); // idempotent

        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var layer = nn.Linear(4, 3);
        var optimizer = optim.AdamW(layer.parameters(), lr: 0.1);
        var x = randn(8, 4);
        var target = randn(8, 3);
        var before = nn.functional.mse_loss(layer.forward(x), target).item<float>();
        for (var i = 0; i < 20; i++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(layer.forward(x), target);
            loss.backward();
            optimizer.step();
        }

        var after = nn.functional.mse_loss(layer.forward(x), target).item<float>();
        Assert.True(after < before, $"loss did not fall: {before} -> {after}");
        Assert.NotNull(layer.weight!.grad);
    }

    [Fact]
    public void Patched_copy_is_used_exactly_when_the_system_lacks_GLIBCXX_3_4_32()
    {
        TorchNativeLoader.EnsureLoaded();
        var needsPatch = OperatingSystem.IsLinux() && !TorchNativeLoader.SystemHasRequiredLibstdcxx();
        Assert.Equal(needsPatch, TorchNativeLoader.PatchedLibraryPath is not null);
        if (needsPatch)
        {
            Assert.True(File.Exists(TorchNativeLoader.PatchedLibraryPath));
            Assert.DoesNotContain(".nuget", TorchNativeLoader.PatchedLibraryPath, StringComparison.Ordinal);
        }
    }
}
