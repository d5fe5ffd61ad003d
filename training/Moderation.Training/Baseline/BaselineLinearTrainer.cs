namespace Moderation.Training.Baseline;

/// <summary>The optimiser behind the baseline's linear classifiers (both fit the same maximum-entropy / logistic models).</summary>
public enum BaselineLinearTrainer
{
    /// <summary>Stochastic dual coordinate ascent: few passes, its own L2 choice.</summary>
    Sdca,

    /// <summary>L-BFGS on the L2-regularised log-loss: slower, usually tighter on sparse n-grams.</summary>
    Lbfgs,
}
