using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>
/// The MoE router: logits = x Wᵀ (W: [E, H], no bias), then top-k selection and the capacity rule.
/// <list type="bullet">
/// <item>Selection. Inference (or τ = 0): top-k of the logits, deterministic. Training with τ &gt; 0:
/// k experts sampled without replacement from softmax(logits / τ) by the Gumbel-top-k trick; as τ → 0
/// this becomes the argmax.</item>
/// <item>Gates: the chosen experts' probabilities softmax(logits), divided by their (gradient-stopped)
/// sum, so top-1 gives exactly 1 (an upcycled layer reproduces its dense FFN) while the router still
/// gets gradient, and top-2 gives weights summing to 1.</item>
/// <item>Capacity is per routing group, and a group is one sequence: C = ceil(capacityFactor · k · n / E),
/// n = the sequence's real tokens. Slots take expert places in order of choice rank, then token order:
/// every first choice before any second choice. A slot past C overflows and is dropped; a token whose
/// slots all overflow leaves the layer through the residual connection unchanged. Grouping by sequence
/// (GShard's groups, one per row) makes a text's routing independent of what it is batched with, so
/// serving gives the same verdict alone or in a batch. All of it is one-hot, cumsum, compare and
/// multiply: standard ONNX.</item>
/// </list>
/// </summary>
public sealed class Router : nn.Module<Tensor, Tensor, RoutingPlan>
{
    private readonly Parameter weight;

    public Router(long hiddenSize, int numExperts, int topK, double capacityFactor)
        : base(nameof(Router))
    {
        Native.TorchNativeLoader.EnsureLoaded();
        NumExperts = numExperts;
        TopK = topK;
        CapacityFactor = capacityFactor;
        weight = new Parameter(empty(numExperts, hiddenSize));
        using (no_grad())
        {
            nn.init.normal_(weight, 0, 0.02);
        }

        register_parameter("weight", weight);
    }

    public int NumExperts { get; }
    public int TopK { get; }
    public double CapacityFactor { get; }

    /// <summary>Sampling temperature used in training mode; 0 means argmax also in training.</summary>
    public double Temperature { get; set; } = 1.0;

    public Parameter Weight => weight;

    /// <param name="x">[N, H], N = B·T tokens, row-major.</param>
    /// <param name="valid">[B, T] bool, false for padding (one routing group per row); [N] is one group.</param>
    public override RoutingPlan forward(Tensor x, Tensor valid)
    {
        using var scope = NewDisposeScope();
        var logits = nn.functional.linear(x, weight);
        var tau = training ? Temperature : 0.0;
        var experts = SelectExperts(logits, TopK, tau);
        return Plan(logits, experts, valid, CapacityFactor).MoveTo(scope);
    }

    /// <summary>Top-k of logits (τ = 0) or of logits/τ + Gumbel noise (a sample from softmax(logits/τ)).</summary>
    public static Tensor SelectExperts(Tensor logits, int k, double temperature)
    {
        if (temperature <= 0)
        {
            return logits.detach().topk(k, dim: 1).indexes;
        }

        using var scope = NewDisposeScope();
        var uniform = rand_like(logits).clamp(1e-9, 1 - 1e-9);
        var gumbel = -(-uniform.log()).log();
        return ((logits.detach() / temperature) + gumbel).topk(k, dim: 1).indexes.MoveToOuterDisposeScope();
    }

    /// <summary>Builds gates and applies the capacity rule to an expert choice ([N, k] int64).</summary>
    /// <param name="valid">[G, T] bool (G routing groups of T tokens, N = G·T) or [N] (one group).</param>
    public static RoutingPlan Plan(Tensor logits, Tensor experts, Tensor valid, double capacityFactor)
    {
        using var scope = NewDisposeScope();
        var numExperts = logits.shape[1];
        var k = experts.shape[1];
        var probs = logits.softmax(1);
        var selected = probs.gather(1, experts);                                  // [N, k]
        var gates = selected / selected.sum(1, keepdim: true).detach();

        var grouped = valid.dim() == 2 ? valid : valid.unsqueeze(0);              // [G, T]
        var groups = grouped.shape[0];
        var length = grouped.shape[1];
        var validFlat = grouped.reshape(-1);                                      // [N]
        // C per group, in double and in this order (the ONNX graph repeats it): ceil((factor · k) · n / E).
        var realPerGroup = grouped.to(ScalarType.Int64).sum(1, keepdim: true);    // [G, 1]
        var capacity = (realPerGroup.to(ScalarType.Float64) * (capacityFactor * k) / numExperts).ceil().to(ScalarType.Int64);

        var validLong = validFlat.to(ScalarType.Int64).unsqueeze(1);              // [N, 1]
        var taken = zeros(groups, 1, numExperts, dtype: ScalarType.Int64, device: logits.device); // places used so far
        var keptColumns = new List<Tensor>();
        for (var j = 0; j < k; j++)
        {
            var oneHot = (nn.functional.one_hot(experts[.., j], numExperts) * validLong).reshape(groups, length, numExperts); // [G, T, E]
            var position = (oneHot.cumsum(dim: 1) - 1 + taken) * oneHot;                // place in its expert
            var fits = position.sum(2).lt(capacity).reshape(-1);                        // [N]
            keptColumns.Add(fits.logical_and(validFlat));
            taken = taken + oneHot.sum(dim: 1, keepdim: true);
        }

        var plan = new RoutingPlan
        {
            Logits = logits.alias(),
            Probs = probs,
            Experts = experts.alias(),
            Gates = gates,
            Kept = stack(keptColumns, 1),
            Valid = validFlat.alias(),
            Capacity = capacity.max().item<long>(),
        };
        return plan.MoveTo(scope);
    }

    /// <summary>
    /// Switch Transformer load-balancing loss E · Σᵢ fᵢ·Pᵢ over real tokens: fᵢ the fraction whose first
    /// choice is expert i, Pᵢ the mean router probability of i. Equals 1 for uniform routing, up to E when
    /// everything goes to one expert.
    /// </summary>
    public static Tensor LoadBalancingLoss(Tensor probs, Tensor firstChoice, Tensor valid)
    {
        using var scope = NewDisposeScope();
        var numExperts = probs.shape[1];
        var mask = valid.to(probs.dtype).unsqueeze(1);
        var count = mask.sum().clamp_min(1);
        var fraction = (nn.functional.one_hot(firstChoice, numExperts).to(probs.dtype) * mask).sum(dim: 0) / count;
        var meanProb = (probs * mask).sum(dim: 0) / count;
        return ((fraction * meanProb).sum() * numExperts).MoveToOuterDisposeScope();
    }

    /// <summary>Router z-loss (ST-MoE): mean over real tokens of logsumexp(logits)².</summary>
    public static Tensor ZLoss(Tensor logits, Tensor valid)
    {
        using var scope = NewDisposeScope();
        var mask = valid.to(logits.dtype);
        var lse = logits.logsumexp(1);
        return ((lse * lse * mask).sum() / mask.sum().clamp_min(1)).MoveToOuterDisposeScope();
    }
}
