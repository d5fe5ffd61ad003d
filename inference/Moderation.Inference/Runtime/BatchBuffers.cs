namespace Moderation.Inference.Runtime;

/// <summary>
/// Input and output memory reused by every ONNX Runtime call of one session, so the hot path allocates only
/// the small tensor handles; grows (rarely) when a caller asks for more rows or tokens than seen so far.
/// </summary>
internal sealed class BatchBuffers(int families, int categories)
{
    public long[] InputIds { get; private set; } = [];

    public long[] AttentionMask { get; private set; } = [];

    public float[] FamilyLogits { get; private set; } = [];

    public float[] CategoryLogits { get; private set; } = [];

    public void EnsureCapacity(int rows, int tokens)
    {
        if (InputIds.Length < rows * tokens)
        {
            InputIds = new long[rows * tokens];
            AttentionMask = new long[rows * tokens];
        }

        if (FamilyLogits.Length < rows * families)
        {
            FamilyLogits = new float[rows * families];
            CategoryLogits = new float[rows * categories];
        }
    }
}
