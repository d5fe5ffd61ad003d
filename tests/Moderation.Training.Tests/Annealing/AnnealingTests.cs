using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Tests.Annealing;

public sealed class AnnealingTests
{
    [Theory]
    [InlineData(AnnealKind.Linear)]
    [InlineData(AnnealKind.Cosine)]
    [InlineData(AnnealKind.Exponential)]
    public void Schedules_start_at_tau0_end_at_tau1_and_move_monotonically(AnnealKind kind)
    {
        var schedule = new TemperatureSchedule(2.0, 0.1, 100, kind);
        Assert.Equal(2.0, schedule.At(0), 12);
        Assert.Equal(0.1, schedule.At(100), 12);
        Assert.Equal(0.1, schedule.At(1_000), 12);
        var values = Enumerable.Range(0, 101).Select(s => schedule.At(s)).ToArray();
        Assert.All(values.Zip(values.Skip(1)), pair => Assert.True(pair.Second <= pair.First));
        var middle = schedule.At(50);
        var expected = kind switch
        {
            AnnealKind.Linear => 1.05,
            AnnealKind.Cosine => 1.05,
            _ => Math.Sqrt(2.0 * 0.1),
        };
        Assert.Equal(expected, middle, 9);
        Assert.True(kind != AnnealKind.Cosine || schedule.At(10) > new TemperatureSchedule(2.0, 0.1, 100).At(10));
    }

    [Fact]
    public void Bad_schedules_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new TemperatureSchedule(1, 0, 10, AnnealKind.Exponential).Validate());
        Assert.Throws<ArgumentException>(() => new TemperatureSchedule(1, 0.5, 0).Validate());
        Assert.Throws<ArgumentException>(() => TemperatureSchedule.ParseKind("step"));
        Assert.Equal(AnnealKind.Cosine, TemperatureSchedule.ParseKind("Cosine"));
    }

    [Fact]
    public void Sampled_routing_becomes_the_argmax_as_tau_goes_to_zero()
    {
        Moderation.Training.Native.TorchNativeLoader.EnsureLoaded();
        torch.manual_seed(11);
        // Random logits whose best expert leads by at least 0.05, so "argmax" is well defined.
        using var raw = randn(2_000, 4);
        using var argmax = raw.argmax(1);
        using var logits = raw + (nn.functional.one_hot(argmax, 4).to(ScalarType.Float32) * 0.05f);
        double Agreement(double tau)
        {
            using var sampled = Router.SelectExperts(logits, 1, tau);
            using var same = sampled[.., 0].eq(argmax).to(ScalarType.Float32).mean();
            return same.item<float>();
        }

        var hot = Agreement(5.0);
        var warm = Agreement(0.5);
        var cold = Agreement(1e-3);
        Assert.True(hot < 0.5, $"τ = 5 should spread choices, agreement {hot}");
        Assert.True(warm > hot, $"agreement should grow as τ falls: {hot} → {warm}");
        Assert.Equal(1.0, cold, 6);
    }

    [Fact]
    public void Router_samples_in_training_and_takes_the_argmax_in_eval()
    {
        Moderation.Training.Native.TorchNativeLoader.EnsureLoaded();
        torch.manual_seed(2);
        using var router = new Router(16, 4, 1, 1000.0) { Temperature = 10.0 };
        using var x = randn(512, 16);
        using var valid = ones(512, dtype: ScalarType.Bool);
        router.eval();
        using var evalPlan = router.forward(x, valid);
        using var logits = nn.functional.linear(x, router.Weight);
        Assert.True(evalPlan.Experts[.., 0].eq(logits.argmax(1)).all().item<bool>());
        router.train();
        using var trainPlan = router.forward(x, valid);
        var perExpert = RoutingStats.From(trainPlan).TokensPerExpert;
        Assert.False(trainPlan.Experts[.., 0].eq(logits.argmax(1)).all().item<bool>());
        Assert.All(perExpert, n => Assert.True(n > 64, $"expert got only {n} of 512 tokens at τ = 10"));
    }

    [Fact]
    public void Language_sampling_follows_n_to_the_one_over_T()
    {
        var counts = new Dictionary<string, long> { ["en"] = 10_000, ["de"] = 1_000, ["sw"] = 10 };
        var sampler = new LanguageSampler(counts, new TemperatureSchedule(1.0, 100.0, 10));
        var proportional = sampler.Probabilities(0);
        Assert.Equal(10_000.0 / 11_010, proportional["en"], 9);
        var flat = sampler.Probabilities(10);
        Assert.True(flat["sw"] > 0.3, $"at T = 100 rare languages should be near uniform, got {flat["sw"]}");
        Assert.Equal(1.0, flat.Values.Sum(), 9);

        var random = new Random(1);
        var draws = Enumerable.Range(0, 20_000).Select(_ => sampler.Next(0, random)).GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count() / 20_000.0);
        Assert.Equal(proportional["de"], draws["de"], 2);
        Assert.Throws<ArgumentException>(() => new LanguageSampler(new Dictionary<string, long>(), new TemperatureSchedule(1, 1, 1)));
    }
}
