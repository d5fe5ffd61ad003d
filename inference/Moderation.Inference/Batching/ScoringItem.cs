using Moderation.Inference.Runtime;

namespace Moderation.Inference.Batching;

/// <summary>One tokenized text waiting in the queue, bound to the runtime its request started on.</summary>
public sealed class ScoringItem(ModelRuntime runtime, int[] tokens)
{
    private readonly TaskCompletionSource<ItemLogits> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ModelRuntime Runtime { get; } = runtime;

    public int[] Tokens { get; } = tokens;

    public long EnqueuedAt { get; set; }

    public Task<ItemLogits> Result => _completion.Task;

    public bool IsAbandoned => _completion.Task.IsCompleted;

    public void Complete(ItemLogits logits) => _completion.TrySetResult(logits);

    public void Fail(Exception error) => _completion.TrySetException(error);

    /// <summary>The request gave up (client gone or timeout): the batcher skips the item.</summary>
    public void Abandon() => _completion.TrySetCanceled();
}
