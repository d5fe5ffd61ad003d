using System.ComponentModel.DataAnnotations;

namespace Marketplace.Api.Infrastructure.Auth;

public sealed class JwtOptions
{
    public const string Section = "Jwt";

    /// <summary>HS256 key (at least 32 bytes of UTF-8). Unset: a random key per process, with a warning.</summary>
    [MinLength(32)]
    public string? SigningKey { get; set; }

    [Required]
    public string Issuer { get; set; } = "moderation-marketplace";

    [Required]
    public string Audience { get; set; } = "moderation-marketplace";

    [Range(1, 24 * 60)]
    public int LifetimeMinutes { get; set; } = 60;

    /// <summary>
    /// How long an instance trusts a user's security stamp it read before reading it again (default 30 s). Sign-out and
    /// role changes rotate the stamp and take effect at once on the instance that made them; other instances refuse the
    /// earlier tokens within this many seconds. 0 reads the stamp on every request.
    /// </summary>
    [Range(0, 300)]
    public int SecurityStampCacheSeconds { get; set; } = 30;

    /// <summary>Tolerated clock difference when checking token lifetimes.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 30;
}
