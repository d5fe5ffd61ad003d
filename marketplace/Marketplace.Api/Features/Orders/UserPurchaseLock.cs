using Marketplace.Api.Infrastructure.Locking;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Orders;

/// <summary>
/// The per-buyer lock that normal purchases and flash purchases with an Idempotency-Key take, so one
/// user's purchases of that kind run one at a time across all API instances. A flash purchase without a
/// key is the gate script alone and takes none (see <c>PurchaseFlashSaleHandler</c>).
/// </summary>
public sealed class UserPurchaseLock(RedisLockFactory locks, IOptions<OrdersOptions> options)
{
    public static string NameFor(Guid userId) => $"purchase:user:{userId:N}";

    /// <summary>Null when another purchase of the same user held it for the whole <see cref="OrdersOptions.PurchaseLockWait"/>.</summary>
    public Task<RedisLockHandle?> TryAcquireAsync(Guid userId, LockOwner owner, CancellationToken cancellationToken) =>
        locks.Create(NameFor(userId)).TryAcquireAsync(owner, options.Value.PurchaseLockWait, cancellationToken);
}
