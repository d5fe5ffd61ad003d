using Moderation.Training.Checkpoints;
using Moderation.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Moderation.Training.Training;

/// <summary>
/// An exponential moving average of the trainable weights: after each optimiser step
/// shadow ← d·shadow + (1 − d)·weight, with d = min(decay, (1 + n)/(10 + n)) so the first updates are not
/// dominated by the random initialisation. Validation, the kept model and so export read the average
/// (<see cref="Swap"/>); training continues on the live weights.
/// </summary>
public sealed class WeightAverage : IDisposable
{
    private readonly (string Name, Tensor Live, Tensor Shadow)[] weights;

    public WeightAverage(ModerationModel model, double decay)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (decay is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "the decay must be in (0, 1)");
        }

        Decay = decay;
        using (no_grad())
        {
            weights = [.. model.named_parameters().Where(p => p.parameter.requires_grad).Select(p => (p.name, (Tensor)p.parameter, p.parameter.detach().clone()))];
        }
    }

    public double Decay { get; }

    /// <summary>Updates applied so far (restored from a checkpoint on resume).</summary>
    public long Updates { get; private set; }

    /// <summary>The decay the next update uses.</summary>
    public double NextDecay => Math.Min(Decay, (1.0 + Updates) / (10.0 + Updates));

    public void Update()
    {
        var d = NextDecay;
        using (no_grad())
        {
            foreach (var (_, live, shadow) in weights)
            {
                shadow.mul_(d).add_(live, alpha: 1 - d);
            }
        }

        Updates++;
    }

    /// <summary>Puts the average into the model until the returned scope is disposed, then the live weights back.</summary>
    public IDisposable Swap()
    {
        Tensor[] saved;
        using (no_grad())
        {
            saved = [.. weights.Select(w => w.Live.detach().clone())];
            foreach (var (_, live, shadow) in weights)
            {
                live.copy_(shadow);
            }
        }

        return new Restore(weights, saved);
    }

    public void Save(string path) =>
        SafetensorsFile.Save(path, weights.Select(w => KeyValuePair.Create(w.Name, w.Shadow)), new Dictionary<string, string>
        {
            ["moderation.ema.updates"] = Updates.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>Restores a <see cref="Save"/> file; the tensors must match this model's trainable weights.</summary>
    public void Load(string path)
    {
        using var file = SafetensorsFile.Open(path);
        var missing = weights.Select(w => w.Name).Except(file.Names).ToArray();
        if (missing.Length > 0 || !file.Metadata.TryGetValue("moderation.ema.updates", out var updates))
        {
            throw new InvalidDataException($"{path} is not this model's weight average (missing e.g. {string.Join(", ", missing.Take(2))})");
        }

        using (no_grad())
        {
            foreach (var (name, _, shadow) in weights)
            {
                using var value = file.Read(name);
                if (!value.shape.SequenceEqual(shadow.shape))
                {
                    throw new InvalidDataException($"{path}: '{name}' is [{string.Join(", ", value.shape)}], the model's is [{string.Join(", ", shadow.shape)}]");
                }

                shadow.copy_(value);
            }
        }

        Updates = long.Parse(updates, System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        foreach (var (_, _, shadow) in weights)
        {
            shadow.Dispose();
        }
    }

    private sealed class Restore((string Name, Tensor Live, Tensor Shadow)[] weights, Tensor[] saved) : IDisposable
    {
        public void Dispose()
        {
            using (no_grad())
            {
                for (var i = 0; i < weights.Length; i++)
                {
                    weights[i].Live.copy_(saved[i]);
                    saved[i].Dispose();
                }
            }
        }
    }
}
