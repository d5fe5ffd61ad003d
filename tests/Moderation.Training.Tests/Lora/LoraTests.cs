using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Lora;

public sealed class LoraTests
{
    private static readonly LoraConfig Adapter = new() { Rank = 4, Alpha = 8, Dropout = 0.0 };

    [Fact]
    public void A_fresh_adapter_with_B_zero_gives_the_base_output()
    {
        using var model = TestModels.Build(TestModels.Tiny(lora: Adapter));
        using var plain = TestModels.Build(TestModels.Tiny(), seed: 99);
        var source = model.state_dict();
        using (no_grad())
        {
            foreach (var (name, tensor) in plain.state_dict())
            {
                tensor.copy_(source[name]);
            }
        }

        var (ids, mask) = TestModels.Batch([5, 6, 7, 8], [9, 10]);
        using var withAdapter = model.forward(ids, mask, null);
        using var without = plain.forward(ids, mask, null);
        TestModels.AssertClose(without.FamilyLogits, withAdapter.FamilyLogits, 1e-6);
        TestModels.AssertClose(without.CategoryLogits, withAdapter.CategoryLogits, 1e-6);

        RandomiseAdapters(model);
        using var changed = model.forward(ids, mask, null);
        Assert.False(changed.FamilyLogits.allclose(without.FamilyLogits, 1e-4, 1e-5));
    }

    [Fact]
    public void Merging_gives_the_same_output_as_the_unmerged_adapter_and_saves_as_a_plain_model()
    {
        using var model = TestModels.Build(TestModels.Tiny(lora: Adapter with { OnExperts = true }));
        RandomiseAdapters(model);
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8], [9, 10]);
        using var before = model.forward(ids, mask, null);
        model.MergeLora();
        using var after = model.forward(ids, mask, null);
        TestModels.AssertClose(before.FamilyLogits, after.FamilyLogits);
        TestModels.AssertClose(before.CategoryLogits, after.CategoryLogits);

        var path = TestModels.TempFile("merged.safetensors");
        model.Save(path);
        using var exported = ModerationModel.Load(path);
        exported.eval();
        Assert.Null(exported.Config.Lora);
        Assert.DoesNotContain(exported.state_dict().Keys, k => k.Contains("lora_", StringComparison.Ordinal));
        using var reloaded = exported.forward(ids, mask, null);
        TestModels.AssertClose(before.FamilyLogits, reloaded.FamilyLogits);
    }

    [Fact]
    public void Base_weights_receive_no_gradient_and_adapters_routers_heads_do()
    {
        using var model = TestModels.Build(TestModels.Tiny(lora: Adapter));
        model.FreezeBaseForLora();
        model.train();
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8], [9, 10]);
        using var output = model.forward(ids, mask, null);
        using var loss = new ModerationLoss().Compute(output, tensor(new long[] { 0, 2 }), zeros(2, 5));
        loss.Total.backward();

        foreach (var (name, p) in model.named_parameters())
        {
            if (ModerationModel.IsLoraTrainable(name))
            {
                Assert.True(p.requires_grad, name);
                if (!name.Contains("lora_A", StringComparison.Ordinal)) // A's gradient is B-weighted, and B starts at 0
                {
                    Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got no gradient");
                }
            }
            else
            {
                Assert.False(p.requires_grad, name);
                Assert.True(p.grad is null, $"frozen {name} received a gradient");
            }
        }

        var (total, trainable) = model.ParameterCounts();
        var expected = model.named_parameters().Where(p => ModerationModel.IsLoraTrainable(p.name)).Sum(p => p.parameter.numel());
        Assert.Equal(expected, trainable);
        Assert.True(trainable < total);
    }

    [Fact]
    public void Adapters_save_and_load_on_their_own()
    {
        using var trained = TestModels.Build(TestModels.Tiny(lora: Adapter), seed: 4);
        RandomiseAdapters(trained);
        var path = TestModels.TempFile("adapter.safetensors");
        trained.SaveAdapters(path);
        using (var file = Moderation.Training.Checkpoints.SafetensorsFile.Open(path))
        {
            Assert.All(file.Names, n => Assert.True(ModerationModel.IsLoraTrainable(n), n));
            Assert.Contains(file.Names, n => n.EndsWith("attention.self.query.lora_A.weight", StringComparison.Ordinal));
        }

        using var fresh = TestModels.Build(TestModels.Tiny(lora: Adapter), seed: 4); // same base weights, untrained adapter
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8], [9, 10]);
        using var expected = trained.forward(ids, mask, null);
        using var beforeLoad = fresh.forward(ids, mask, null);
        Assert.False(beforeLoad.FamilyLogits.allclose(expected.FamilyLogits, 1e-4, 1e-5));
        fresh.LoadAdapters(path);
        using var afterLoad = fresh.forward(ids, mask, null);
        TestModels.AssertClose(expected.FamilyLogits, afterLoad.FamilyLogits, 1e-6);

        using var otherRank = TestModels.Build(TestModels.Tiny(lora: Adapter with { Rank = 2 }));
        Assert.Throws<InvalidDataException>(() => otherRank.LoadAdapters(path));
    }

    private static void RandomiseAdapters(ModerationModel model)
    {
        using (no_grad())
        {
            foreach (var (name, p) in model.named_parameters().Where(p => ModerationModel.IsLoraTrainable(p.name)))
            {
                p.normal_(0, 0.2);
            }
        }
    }
}
