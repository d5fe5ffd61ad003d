using Marketplace.Api.Infrastructure.Locking;
using Marketplace.Api.Infrastructure.Redis;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Marketplace.Tests.Locking;

/// <summary>
/// Lock factories ("processes") on the real Redis under a key prefix of their own; each factory
/// has its own instance id, as separate API instances would. Disposing deletes the keys.
/// </summary>
public sealed class LockHarness : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    public LockHarness(TimeSpan lease) => Lease = lease;

    public TimeSpan Lease { get; }

    public string KeyPrefix { get; } = $"test:locks:{Guid.NewGuid():N}:";

    /// <summary>A fresh "process": its own connection, instance id and watchdogs.</summary>
    public RedisLockFactory NewProcess()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = TestServices.Redis })
            .Build();
        var connection = new RedisConnection(configuration, Options.Create(new RedisOptions { KeyPrefix = KeyPrefix }));
        var factory = new RedisLockFactory(connection, Options.Create(new LockingOptions { LeaseTime = Lease }),
            TimeProvider.System, NullLogger<RedisLockFactory>.Instance);
        _owned.Add(connection);
        _owned.Add(factory);
        return factory;
    }

    /// <summary>Remaining lease of a lock in milliseconds, read straight from Redis (-2: no key).</summary>
    public async Task<long> PttlAsync(RedisLock @lock)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        return (long)(await redis.GetDatabase().ExecuteAsync("PTTL", KeyPrefix + @lock.Key));
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        await RedisKeyspace.DeleteAsync(redis, await RedisKeyspace.ScanAsync(redis, KeyPrefix + "*"));
    }
}
