namespace Moderation.Training.Model;

/// <summary>What the category head reads from the encoder's output.</summary>
public enum CategoryPooling
{
    /// <summary>The &lt;s&gt; token, through the shared tanh(dense) layer the family head also reads (RoBERTa's head).</summary>
    Cls,

    /// <summary>
    /// The masked mean and the masked max over every real token, concatenated, through a dense layer of its own:
    /// the max keeps a short abusive span visible however long the friendly text around it is.
    /// </summary>
    MeanMax,
}
