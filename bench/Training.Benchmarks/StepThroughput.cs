using System.Diagnostics;
using Moderation.Training.Model;
using Moderation.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Training.Benchmarks;

/// <summary>
/// One variant under test: a model, its AdamW optimiser and a fixed random batch. Full training steps
/// (forward, loss, backward, optimiser) are timed in rounds; the benchmark interleaves the variants'
/// rounds so a shared machine's load changes hit all of them alike.
/// </summary>
internal sealed class StepThroughput : IDisposable
{
    private readonly ModerationModel model;
    private readonly optim.Optimizer optimizer;
    private readonly Tensor ids;
    private readonly Tensor mask;
    private readonly Tensor families;
    private readonly Tensor categories;
    private readonly ModerationLoss loss = new();
    private readonly List<double> msPerStepByRound = [];
    private double droppedSum;
    private int droppedCount;

    public StepThroughput(string key, string name, XlmrConfig config, int batch, int length)
    {
        Key = key;
        Name = name;
        TokensPerStep = batch * length;
        torch.manual_seed(1);
        model = new ModerationModel(config);
        model.train();
        optimizer = optim.AdamW(model.parameters(), lr: 1e-4);
        ids = randint(3, config.VocabSize, [batch, length], dtype: ScalarType.Int64);
        mask = ones(batch, length, dtype: ScalarType.Int64);
        families = randint(0, config.NumFamilies, [batch], dtype: ScalarType.Int64);
        categories = randint(0, 2, [batch, config.NumCategories]).to(ScalarType.Float32);
        Parameters = model.ParameterCounts().Total;
    }

    public string Key { get; }
    public string Name { get; }
    public int TokensPerStep { get; }
    public long Parameters { get; }
    public int TimedSteps { get; private set; }

    /// <summary>Median over rounds: robust to a neighbour's burst of load during one round.</summary>
    public double MsPerStep
    {
        get
        {
            var sorted = msPerStepByRound.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double TokensPerSecond => TokensPerStep / (MsPerStep / 1000);
    public double DroppedFraction => droppedCount == 0 ? 0 : droppedSum / droppedCount;

    public void Run(int steps, bool timed, Action onStep)
    {
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < steps; i++)
        {
            // As the trainer does: no collection inside the step (NoGcRegion), whose entry costs a gen-0 collection.
            using var region = NoGcRegion.Enter();
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            using var output = model.forward(ids, mask, null);
            using var parts = loss.Compute(output, families, categories);
            parts.Total.backward();
            optimizer.step();
            if (timed && output.Routing.Count > 0)
            {
                droppedSum += output.Routing.Average(r => r.DroppedFraction);
                droppedCount++;
            }

            onStep();
        }

        timer.Stop();
        if (timed)
        {
            msPerStepByRound.Add(timer.Elapsed.TotalMilliseconds / steps);
            TimedSteps += steps;
        }
    }

    public void Dispose()
    {
        model.Dispose();
        optimizer.Dispose();
        ids.Dispose();
        mask.Dispose();
        families.Dispose();
        categories.Dispose();
    }
}
