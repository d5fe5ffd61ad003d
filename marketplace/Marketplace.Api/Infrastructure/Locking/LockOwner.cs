namespace Marketplace.Api.Infrastructure.Locking;

/// <summary>
/// Who holds a lock. Redisson keys ownership on the thread; async .NET code hops threads, so the
/// caller creates an owner for one logical flow (a request, a job step) and passes the same owner
/// to nested acquisitions to re-enter. Combined with the process's instance id in the Redis token.
/// </summary>
public sealed class LockOwner
{
    private LockOwner(string handle) => Handle = handle;

    public string Handle { get; }

    public static LockOwner New() => new(Guid.NewGuid().ToString("N"));

    public override string ToString() => Handle;
}
