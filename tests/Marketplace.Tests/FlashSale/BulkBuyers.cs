using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.FlashSale;

/// <summary>A registered buyer and a bearer token the API itself minted.</summary>
public sealed record Buyer(Guid Id, string Token);

/// <summary>
/// Many buyers cheaply: rows inserted through the API's DbContext with one pre-computed password
/// hash, tokens issued by the API's own <see cref="TokenIssuer"/> (what login would return).
/// </summary>
public static class BulkBuyers
{
    public static async Task<IReadOnlyList<Buyer>> CreateAsync(MarketplaceApiFactory api, int count)
    {
        var hash = new PasswordHasher<User>().HashPassword(new User(), AccountsApi.DefaultPassword);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.UtcNow;
        var users = Enumerable.Range(0, count).Select(i =>
        {
            var email = $"flash-{tag}-{i}@example.test";
            return new User
            {
                Id = Guid.CreateVersion7(),
                Email = email,
                NormalizedEmail = EmailAddress.Normalize(email),
                DisplayName = $"Buyer {i}",
                PasswordHash = hash,
                Roles = [Roles.Buyer],
                CreatedAt = now,
            };
        }).ToList();

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
            db.Users.AddRange(users);
            await db.SaveChangesAsync();
        }

        var issuer = api.Services.GetRequiredService<TokenIssuer>();
        return [.. users.Select(u => new Buyer(u.Id, issuer.Issue(u.Id, u.Email, u.Roles, u.SecurityStamp).Value))];
    }
}
