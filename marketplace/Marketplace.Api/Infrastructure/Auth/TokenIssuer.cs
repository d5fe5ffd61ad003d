using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>Issues HS256 access tokens: subject, email, security stamp and one <c>role</c> claim per role.</summary>
public sealed class TokenIssuer(JwtSigningKey key, IOptions<JwtOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();

    public AccessToken Issue(Guid userId, string email, IEnumerable<string> roles, Guid securityStamp)
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
