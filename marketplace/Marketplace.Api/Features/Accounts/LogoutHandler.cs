using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

/// <summary>
/// Signs the user out everywhere: rotating the security stamp revokes every token issued to the user so far (a bearer
/// token cannot be revoked alone without a per-token list; one stamp per user keeps the check to one cached read).
/// </summary>
public sealed class LogoutHandler(MarketplaceDbContext db, SecurityStamps stamps)
{
    public async Task<NoContent> HandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is not null)
        {
            user.RotateSecurityStamp();
            await db.SaveChangesAsync(cancellationToken);
        }

        stamps.Invalidate(userId);
        return TypedResults.NoContent();
    }
}
