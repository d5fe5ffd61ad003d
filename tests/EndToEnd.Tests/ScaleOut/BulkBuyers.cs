using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EndToEnd.Tests.Api;
using EndToEnd.Tests.Harness;
using Npgsql;

namespace EndToEnd.Tests.ScaleOut;

/// <summary>A buyer made in bulk: the account row and a bearer token for it.</summary>
internal sealed record BulkBuyer(Guid Id, string Token);

/// <summary>
/// Thousands of buyers without thousands of sign-ups: one buyer registers through the API, its row (password hash,
/// roles) is copied in PostgreSQL under new ids and emails, and each copy gets the HS256 token login would give it
/// (the platform's signing key, the API's claims), so a test spends its time in the flash sale, not in PBKDF2.
/// </summary>
internal static class BulkBuyers
{
    public static async Task<IReadOnlyList<BulkBuyer>> CreateAsync(Platform platform, int count)
    {
        var template = await platform.NewBuyerAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rows = await platform.Stores.QueryAsync(
            """
            INSERT INTO users (id, email, normalized_email, display_name, password_hash, roles, created_at, version)
            SELECT gen_random_uuid(), e.email, upper(e.email), t.display_name, t.password_hash, t.roles, t.created_at, t.version
            FROM users t, (SELECT 'bulk-' || @tag || '-' || i || '@e2e.test' AS email FROM generate_series(1, @count) i) e
            WHERE t.id = @template
            RETURNING id, email, security_stamp, created_at
            """,
            r => (Id: r.GetGuid(0), Email: r.GetString(1), Stamp: r.GetGuid(2), Created: r.GetFieldValue<DateTimeOffset>(3)),
            new NpgsqlParameter("tag", tag), new NpgsqlParameter("count", count), new NpgsqlParameter("template", template.UserId));
        return [.. rows.Select(r => new BulkBuyer(r.Id, Token(r.Id, r.Email, r.Stamp, r.Created)))];
    }

    // What TokenIssuer writes: sub, email, jti, the security stamp, the account's creation, one role claim per role.
    private static string Token(Guid userId, string email, Guid stamp, DateTimeOffset created)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(new { alg = "HS256", typ = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["sub"] = userId.ToString(),
            ["email"] = email,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["sst"] = stamp.ToString("N"),
            ["account_created"] = created.ToUnixTimeSeconds(),
            ["role"] = "buyer",
            ["iss"] = "moderation-marketplace",
            ["aud"] = "moderation-marketplace",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 3600,
        });
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Platform.SigningKey), Encoding.ASCII.GetBytes(header + "." + payload));
        return header + "." + payload + "." + Base64Url(signature);
    }

    private static string Encode(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
