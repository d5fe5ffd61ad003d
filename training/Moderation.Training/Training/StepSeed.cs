namespace Moderation.Training.Training;

/// <summary>
/// Every random choice of step <c>i</c> is seeded from (run seed, i), so the data order, dropout and
/// router sampling of any step follow from the seed alone and a resumed run needs no RNG state saved.
/// </summary>
public static class StepSeed
{
    /// <summary>SplitMix64 of seed and index: well-mixed, stable across .NET versions (unlike HashCode).</summary>
    public static long Derive(long seed, long index, long stream)
    {
        unchecked
        {
            var z = (ulong)seed + (0x9E3779B97F4A7C15UL * (ulong)(index + 1)) + (0xD1B54A32D192ED03UL * (ulong)(stream + 1));
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (long)(z >> 1);
        }
    }

    public static Random Random(long seed, long index, long stream) => new((int)(Derive(seed, index, stream) & int.MaxValue));
}
