namespace Moderation.Inference.Runtime;

/// <summary>Raw logits of one ONNX Runtime call, row-major: [rows, families] and [rows, categories].</summary>
public sealed record BatchOutput(int Rows, int FamilyCount, int CategoryCount, float[] FamilyLogits, float[] CategoryLogits)
{
    public ReadOnlySpan<float> Family(int row) => FamilyLogits.AsSpan(row * FamilyCount, FamilyCount);

    public ReadOnlySpan<float> Category(int row) => CategoryLogits.AsSpan(row * CategoryCount, CategoryCount);
}
