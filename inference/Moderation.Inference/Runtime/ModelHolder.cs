namespace Moderation.Inference.Runtime;

/// <summary>The runtime now serving; swapped atomically, and handed out with a reference taken.</summary>
public sealed class ModelHolder : IDisposable
{
    private ModelRuntime? _current;

    public ModelRuntime? Current => Volatile.Read(ref _current);

    /// <summary>The serving runtime with a reference taken (caller must <see cref="ModelRuntime.Release"/>), or null before the first load.</summary>
    public ModelRuntime? Acquire()
    {
        while (true)
        {
            var current = Current;
            if (current is null || current.TryAcquire())
            {
                return current;
            }

            // The runtime was swapped out and released between the read and the acquire: read the new one.
        }
    }

    /// <summary>Serves <paramref name="next"/> from now on and drops the holder's reference to the previous runtime.</summary>
    public void Swap(ModelRuntime next) => Interlocked.Exchange(ref _current, next)?.Release();

    public void Dispose() => Interlocked.Exchange(ref _current, null)?.Release();
}
