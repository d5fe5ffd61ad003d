namespace Moderation.Training.Evaluation;

/// <summary>Counts[truth, predicted] over a fixed label list, with accuracy and per-label precision/recall/F1.</summary>
public sealed class ConfusionMatrix
{
    public ConfusionMatrix(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Labels = labels;
        Counts = new int[labels.Count, labels.Count];
    }

    public IReadOnlyList<string> Labels { get; }

    /// <summary>[truth, predicted].</summary>
    public int[,] Counts { get; }

    public int Total { get; private set; }

    public void Add(int truth, int predicted)
    {
        Counts[truth, predicted]++;
        Total++;
    }

    public double? Accuracy()
    {
        var correct = 0;
        for (var i = 0; i < Labels.Count; i++)
        {
            correct += Counts[i, i];
        }

        return Total == 0 ? null : (double)correct / Total;
    }

    /// <summary>One-vs-rest outcome of label <paramref name="index"/>.</summary>
    public BinaryOutcome Outcome(int index)
    {
        int truthRow = 0, predictedColumn = 0;
        for (var j = 0; j < Labels.Count; j++)
        {
            truthRow += Counts[index, j];
            predictedColumn += Counts[j, index];
        }

        var tp = Counts[index, index];
        return new BinaryOutcome(tp, predictedColumn - tp, truthRow - tp, Total - truthRow - predictedColumn + tp);
    }

    /// <summary>Rows as jagged arrays, for JSON.</summary>
    public int[][] ToRows() =>
        [.. Enumerable.Range(0, Labels.Count).Select(i => Enumerable.Range(0, Labels.Count).Select(j => Counts[i, j]).ToArray())];
}
