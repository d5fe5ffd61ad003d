using Moderation.Training.Model;

namespace Training.Benchmarks;

/// <summary>Counts an actually built model's parameters with the base frozen for LoRA.</summary>
internal static class LoraFraction
{
    public static LoraCounts Measure(XlmrConfig config)
    {
        using var model = new ModerationModel(config);
        model.FreezeBaseForLora();
        var (total, trainable) = model.ParameterCounts();
        var adapter = model.named_parameters()
            .Where(p => p.name.Contains(".lora_A.", StringComparison.Ordinal) || p.name.Contains(".lora_B.", StringComparison.Ordinal))
            .Sum(p => p.parameter.numel());
        return new LoraCounts(total, trainable, adapter);
    }
}

internal sealed record LoraCounts(long Total, long Trainable, long Adapter)
{
    public double Fraction => (double)Trainable / Total;
    public double AdapterFraction => (double)Adapter / Total;
}
