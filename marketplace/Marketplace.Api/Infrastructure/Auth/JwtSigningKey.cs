using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Marketplace.Api.Infrastructure.Auth;

/// <summary>The one HS256 key tokens are signed and checked with, resolved once per process.</summary>
public sealed partial class JwtSigningKey
{
    public JwtSigningKey(IOptions<JwtOptions> options, ILogger<JwtSigningKey> logger)
    {
        var configured = options.Value.SigningKey;
        byte[] bytes;
        if (string.IsNullOrEmpty(configured))
        {
            bytes = RandomNumberGenerator.GetBytes(64);
            LogGenerated(logger);
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(configured);
        }

        Key = new SymmetricSecurityKey(bytes);
        Credentials = new SigningCredentials(Key, SecurityAlgorithms.HmacSha256);
    }

    public SymmetricSecurityKey Key { get; }

    public SigningCredentials Credentials { get; }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Jwt:SigningKey is not set: using a random development key; tokens will not survive a restart")]
    private static partial void LogGenerated(ILogger logger);
}
