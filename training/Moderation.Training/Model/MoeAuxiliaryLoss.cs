using static TorchSharp.torch;

namespace Moderation.Training.Model;

/// <summary>The MoE layers' auxiliary losses, weighted as the config asks, for whichever task trains the encoder.</summary>
public static class MoeAuxiliaryLoss
{
    /// <summary>Σ over layers of load-balancing × its coefficient (+ z-loss × its coefficient when set); a 0-d tensor.</summary>
    public static Tensor Sum(IReadOnlyList<MoeOutput> layers, MoeConfig config, Device device)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(config);
        var aux = zeros(1, device: device).squeeze();
        foreach (var moe in layers)
        {
            aux = aux + (moe.LoadBalancingLoss * config.AuxLossCoefficient);
            if (config.ZLossCoefficient > 0)
            {
                aux = aux + (moe.ZLoss * config.ZLossCoefficient);
            }
        }

        return aux;
    }
}
