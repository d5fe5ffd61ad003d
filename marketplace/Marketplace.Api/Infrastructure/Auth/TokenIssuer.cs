using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>Issues HS256 access tokens: subject, email, security stamp, account creation time and one <c>role</c> claim per role.</summary>
public sealed class TokenIssuer(JwtSigningKey key, IOptions<JwtOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public AccessToken Issue(Guid userId, string email, IEnumerable<string> roles, Guid securityStamp, DateTimeOffset? accountCreatedAt = null)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var lifetime = TimeSpan.FromMinutes(settings.LifetimeMinutes);
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, userId.ToString()),
            new(JwtRegisteredClaimNames.Email, email),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(MarketplaceClaims.SecurityStamp, securityStamp.ToString("N")),
        };
        if (accountCreatedAt is { } created)
        {
            claims.Add(new Claim(MarketplaceClaims.AccountCreated,
                created.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));
        }

        claims.AddRange(roles.Select(role => new Claim(MarketplaceClaims.Role, role)));

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = key.Credentials,
        });
        return new AccessToken(token, (int)lifetime.TotalSeconds);
    }
}
