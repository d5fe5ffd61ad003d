using Marketplace.Api.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>
/// Locks an account's sign-in after <see cref="RateLimitOptions.LockoutFailures"/> failures within
/// <see cref="RateLimitOptions.LockoutFailureWindow"/>, for <see cref="RateLimitOptions.LockoutDuration"/>:
/// while locked even the right password is refused, so guessing gains nothing. Counted for unknown emails
/// too, so a lock-out does not reveal whether an account exists. An account is named by its key (Accounts' normalised
/// email), the same key its rate limits use. State lives in Redis and expires by itself.
/// </summary>
public sealed partial class SignInLockout(
    RedisConnection redis, IOptionsMonitor<RateLimitOptions> options, RateLimitMetrics metrics, ILogger<SignInLockout> logger)
{
    // One step, before the password is checked: refuse while locked, else count this attempt as a failure until it
    // proves otherwise. The attempt that reaches the limit sets the lock (and may still succeed, which lifts it), so
    // guesses racing each other cannot all pass the check before any of them is counted.
    private const string AttemptScript = """
        local left = redis.call('PTTL', KEYS[2])
        if left > 0 then return left end
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        if n >= tonumber(ARGV[1]) then
          redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
          redis.call('DEL', KEYS[1])
        end
        return 0
        """;

    /// <summary>
    /// Starts a sign-in attempt: the refusal for a locked account (counted in the metric), or null when it may go on,
    /// the attempt already counted as a failure (a success clears it through <see cref="RecordSuccessAsync"/>).
    /// </summary>
    public async Task<RateLimitRefusal?> BeginAttemptAsync(string account)
    {
        var settings = options.CurrentValue;
        try
        {
            var db = await redis.GetDatabaseAsync();
            var left = (long)await db.ScriptEvaluateAsync(AttemptScript, [FailuresKey(account), LockKey(account)],
            [
                settings.LockoutFailures,
                (long)settings.LockoutFailureWindow.TotalMilliseconds,
                (long)settings.LockoutDuration.TotalMilliseconds,
            ]);
            if (left <= 0)
            {
                return null;
            }

            metrics.Refused(RateLimitPolicies.SignInLockout);
            return RateLimitRefusal.LockedOut(TimeSpan.FromMilliseconds(left));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisDown(logger, ex);
            return null;
        }
    }

    /// <summary>
    /// A successful sign-in forgets the failures before it, and the lock its own attempt may have set (the right
    /// password was given while the account was still open).
    /// </summary>
    public async Task RecordSuccessAsync(string account)
    {
        try
        {
            var db = await redis.GetDatabaseAsync();
            await db.KeyDeleteAsync([FailuresKey(account), LockKey(account)]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRedisDown(logger, ex);
        }
    }

    // One hash tag per account: the attempt script and the reset's DEL touch both keys, so on a Redis Cluster they
    // must share a slot.
    internal static RedisKey FailuresKey(string account) => $"signin:{{{PartitionKeys.Account(account)}}}:failures";

    internal static RedisKey LockKey(string account) => $"signin:{{{PartitionKeys.Account(account)}}}:locked";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in lock-out not checked or recorded: Redis unavailable")]
    private static partial void LogRedisDown(ILogger logger, Exception exception);
}
