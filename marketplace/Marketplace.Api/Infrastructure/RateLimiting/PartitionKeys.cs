using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marketplace.Api.Infrastructure.Auth;

namespace Marketplace.Api.Infrastructure.RateLimiting;

/// <summary>How a request is keyed: its client address, its account (email), its authenticated user.</summary>
public static class PartitionKeys
{
    /// <summary>
    /// Requests whose address is unknown (an in-process test server, a Unix socket) share this one
    /// partition: unaddressable clients are limited together rather than not at all.
    /// </summary>
    public const string UnknownAddress = "unknown";

    /// <summary>
    /// The connection's remote address, which the forwarded-headers middleware has replaced with the
    /// client's only when the connection came from a configured known proxy. An IPv6 client is keyed by its /64: one
    /// subscriber usually holds a whole /64, and keying whole addresses would give it 2^64 partitions.
    /// </summary>
    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress switch
    {
        null => UnknownAddress,
        { IsIPv4MappedToIPv6: true } mapped => mapped.MapToIPv4().ToString(),
        { AddressFamily: System.Net.Sockets.AddressFamily.InterNetworkV6 } v6 => Slash64(v6),
        var v4 => v4.ToString(),
    };

    private static string Slash64(System.Net.IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// An account's key (the caller's normalised email, so every spelling of one address shares a partition), as a
    /// hash: Redis keys carry no email addresses. Null for a blank key (the handler refuses it as invalid).
    /// </summary>
    public static string? Account(string? accountKey) =>
        string.IsNullOrWhiteSpace(accountKey)
            ? null
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(accountKey)))[..32];

    public static string? User(ClaimsPrincipal user) => user.FindFirstValue(MarketplaceClaims.Subject);
}
