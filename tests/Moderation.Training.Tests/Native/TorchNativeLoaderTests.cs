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

    [Fact]
    public void Elf_patcher_marks_the_GLIBCXX_3_4_32_requirement_weak()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(shipped) || !OperatingSystem.IsLinux(), $"missing {shipped}");
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var copy = Path.Combine(Path.GetTempPath(), $"elf-patch-{Guid.NewGuid():N}.so");
        File.Copy(shipped, copy);
        try
        {
            Assert.Equal(1, ElfVersionPatcher.MarkVersionWeak(copy, "GLIBCXX_3.4.32"));
            Assert.Equal(0, ElfVersionPatcher.MarkVersionWeak(copy, "GLIBCXX_9.9.99"));
            var original = File.ReadAllBytes(shipped);
            var patched = File.ReadAllBytes(copy);
            Assert.Equal(original.Length, patched.Length);
            Assert.Equal(1, original.Zip(patched).Count(pair => pair.First != pair.Second)); // only the flag byte changes
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void A_missing_tool_fails_with_a_one_line_install_hint()
    {
        var path = Environment.GetEnvironmentVariable("PATH");
        var empty = Directory.CreateTempSubdirectory("no-tools-").FullName;
        try
        {
            Environment.SetEnvironmentVariable("PATH", empty);
            var error = Assert.Throws<TorchNativeException>(() => TorchNativeLoader.FindTool("patchelf", "patchelf"));
            Assert.Contains("apt-get install patchelf", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
            Directory.Delete(empty);
        }
    }
}
