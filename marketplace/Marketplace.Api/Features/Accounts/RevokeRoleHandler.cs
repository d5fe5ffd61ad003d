using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

/// <summary>
/// Admin-only: removes a role and rotates the user's security stamp, so tokens that still carry the role stop
/// working (on this instance at once, on others within <see cref="JwtOptions.SecurityStampCacheSeconds"/>).
/// Removing a role the user does not hold changes nothing.
/// </summary>
public sealed class RevokeRoleHandler(MarketplaceDbContext db, SecurityStamps stamps)
{
    public async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid userId, string role, CancellationToken cancellationToken)
    {
        if (!Roles.IsKnown(role))
        {
            return ApiProblems.Validation(new ValidationErrors()
                .Add("role", $"Role must be one of: {string.Join(", ", Roles.All)}.")
                .ToDictionary());
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ApiProblems.NotFound($"User {userId} does not exist.");
        }

        if (user.Revoke(role))
        {
            user.RotateSecurityStamp();
            await db.SaveChangesAsync(cancellationToken);
            stamps.Invalidate(user.Id);
        }

        return TypedResults.Ok(UserResponse.From(user));
    }
}
