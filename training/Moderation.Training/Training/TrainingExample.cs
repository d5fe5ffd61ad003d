namespace Moderation.Training.Training;

/// <summary>One tokenised corpus row: ids with &lt;s&gt; … &lt;/s&gt;, the family index and the 0/1 category targets.</summary>
public sealed record TrainingExample(int[] Ids, int Family, float[] Categories, string Lang, bool Synthetic, string Source = "");
