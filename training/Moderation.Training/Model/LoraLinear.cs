using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// A linear layer y = x Wᵀ + b that may carry a LoRA adapter: y += (α/r) · B A dropout(x), with
/// A: [r, in] (Kaiming-uniform), B: [out, r] (zeros, so a fresh adapter leaves the output unchanged).
/// Parameter names are <c>weight</c>, <c>bias</c>, <c>lora_A.weight</c>, <c>lora_B.weight</c>: the base
/// loads from a Hugging Face checkpoint by name, the adapter as PEFT names it.
/// </summary>
public sealed class LoraLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter? bias;
    private readonly Linear? loraA;
    private readonly Linear? loraB;
    private readonly Dropout? loraDropout;

    public LoraLinear(long inFeatures, long outFeatures, LoraConfig? lora, bool hasBias = true)
        : base(nameof(LoraLinear))
    {
        Native.TorchNativeLoader.EnsureLoaded();
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        // Same initialisation as nn.Linear.
        using (var reference = nn.Linear(inFeatures, outFeatures, hasBias))
        {
            weight = new Parameter(reference.weight!.detach().clone());
            bias = hasBias ? new Parameter(reference.bias!.detach().clone()) : null;
        }

        register_parameter("weight", weight);
        if (bias is not null)
        {
            register_parameter("bias", bias);
        }

        if (lora is not null)
        {
            Rank = lora.Rank;
            Scale = lora.Alpha / lora.Rank;
            loraA = nn.Linear(inFeatures, lora.Rank, hasBias: false);
            loraB = nn.Linear(lora.Rank, outFeatures, hasBias: false);
            using (no_grad())
            {
                nn.init.zeros_(loraB.weight!);
            }

            loraDropout = nn.Dropout(lora.Dropout);
            register_module("lora_A", loraA);
            register_module("lora_B", loraB);
            register_module("lora_dropout", loraDropout);
        }
    }

    public long InFeatures { get; }
    public long OutFeatures { get; }
    public int Rank { get; }
    public double Scale { get; }
    public bool HasAdapter => loraA is not null;

    /// <summary>True once the adapter has been folded into <c>weight</c>; the adapter path is then skipped.</summary>
    public bool Merged { get; private set; }

    public Parameter Weight => weight;
    public Parameter? Bias => bias;
    internal Linear? LoraA => loraA;
    internal Linear? LoraB => loraB;

    /// <param name="x">[..., in].</param>
    /// <returns>[..., out].</returns>
    public override Tensor forward(Tensor x)
    {
        var y = nn.functional.linear(x, weight, bias);
        if (loraA is null || Merged)
        {
            return y;
        }

        using var scope = NewDisposeScope();
        var update = loraB!.forward(loraA.forward(loraDropout!.forward(x))) * Scale;
        return (y + update).MoveToOuterDisposeScope();
    }

    /// <summary>W ← W + (α/r)·B·A, for export: afterwards the layer is a plain linear layer.</summary>
    public void Merge()
    {
        if (loraA is null || Merged)
        {
            return;
        }

        using (no_grad())
        {
            using var delta = loraB!.weight!.matmul(loraA.weight!) * Scale;
            weight.add_(delta);
        }

        Merged = true;
    }
}
