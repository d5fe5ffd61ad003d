using Marketplace.Api.Infrastructure.Locking;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// The per-buyer lock every purchase path takes (normal and flash-sale alike), so one user's
/// purchases run one at a time across all API instances.
/// </summary>
public sealed class UserPurchaseLock(RedisLockFactory locks, IOptions<OrdersOptions> options)
{
    public static string NameFor(Guid userId) => $"purchase:user:{userId:N}";

    /// <summary>The lock's Redis key (under the API's key prefix), for scripts that must honour it.</summary>
    public string KeyFor(Guid userId) => locks.Create(NameFor(userId)).Key;

    /// <summary>Null when another purchase of the same user held it for the whole <see cref="OrdersOptions.PurchaseLockWait"/>.</summary>
    public Task<RedisLockHandle?> TryAcquireAsync(Guid userId, LockOwner owner, CancellationToken cancellationToken) =>
        locks.Create(NameFor(userId)).TryAcquireAsync(owner, options.Value.PurchaseLockWait, cancellationToken);
}
