namespace Marketplace.Api.Infrastructure.Caching;

/// <summary>What <see cref="LfuMemoryCache"/> holds per key: the value and when it stops being served.</summary>
internal sealed record LfuStoredValue(object? Value, DateTimeOffset ExpiresAt);
