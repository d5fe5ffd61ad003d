namespace Moderation.Text;

/// <summary>
/// Rows of n-gram ids packed the way both the trainer and the ONNX graph read them: ids and mask row-major
/// [rows, width], width the most n-grams of any row (at least 1, so a batch of empty rows still has a shape),
/// padding id 0 under mask 0.
/// </summary>
public readonly record struct NgramRows(long[] Ids, long[] Mask, int Width)
{
    public static NgramRows Pack(IReadOnlyList<int[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var width = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(r => r.Length));
        var ids = new long[rows.Count * width];
        var mask = new long[rows.Count * width];
        for (var r = 0; r < rows.Count; r++)
        {
            for (var i = 0; i < rows[r].Length; i++)
            {
                ids[(r * width) + i] = rows[r][i];
                mask[(r * width) + i] = 1;
            }
        }

        return new NgramRows(ids, mask, width);
    }
}
