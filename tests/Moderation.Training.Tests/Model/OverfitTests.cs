using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Model;

public sealed class OverfitTests
{
    [Fact]
    public void A_two_layer_moe_model_overfits_a_tiny_batch()
    {
        using var model = TestModels.Build(TestModels.Tiny(capacityFactor: 2.0), seed: 21);
        model.train();
        var (ids, mask) = TestModels.Batch([5, 6, 7, 8], [9, 10, 11], [12, 13, 14, 15, 16], [17, 18]);
        using var families = tensor(new long[] { 0, 1, 2, 1 });
        using var categories = tensor(new float[] { 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0 }, [4, 5]);
        var optimizer = optim.AdamW(model.parameters(), lr: 3e-3);
        var schedule = new TemperatureSchedule(1.0, 0.1, 60, AnnealKind.Cosine);
        var loss = new ModerationLoss();
        float first = 0, last = 0;
        for (var step = 0; step < 80; step++)
        {
            using var scope = NewDisposeScope();
            model.SetRoutingTemperature(schedule.At(step));
            optimizer.zero_grad();
            using var output = model.forward(ids, mask, null);
            using var parts = loss.Compute(output, families, categories);
            parts.Total.backward();
            optimizer.step();
            last = parts.Total.item<float>();
            first = step == 0 ? last : first;
        }

        model.eval();
        using var final = model.forward(ids, mask, null);
        Assert.True(last < first / 10, $"loss fell only from {first} to {last}");
        Assert.Equal(families.data<long>().ToArray(), final.FamilyLogits.argmax(1).data<long>().ToArray());
        Assert.Equal(categories.data<float>().ToArray(), final.CategoryLogits.gt(0).to(ScalarType.Float32).data<float>().ToArray());
    }
}
