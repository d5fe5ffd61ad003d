namespace Moderation.Training.Checkpoints;

/// <summary>
/// What loading a checkpoint did: how many model tensors were set, which model tensors the checkpoint
/// lacked (heads, routers and adapters of a fresh fine-tune are expected here), which checkpoint tensors
/// were not used (pooler, LM head), and which expert tensors were upcycled from a dense FFN.
/// </summary>
public sealed record CheckpointLoadReport(int Loaded, IReadOnlyList<string> Missing, IReadOnlyList<string> Unexpected, IReadOnlyList<string> Upcycled)
{
    public override string ToString() =>
        $"loaded {Loaded} tensors ({Upcycled.Count} upcycled into experts); missing {Missing.Count}{Sample(Missing)}; unexpected {Unexpected.Count}{Sample(Unexpected)}";

    private static string Sample(IReadOnlyList<string> names) =>
        names.Count == 0 ? string.Empty : $" ({string.Join(", ", names.Take(4))}{(names.Count > 4 ? ", …" : string.Empty)})";
}
