using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

/// <summary>
/// Admin-only: grants or removes a role. A change rotates the user's security stamp, so tokens issued before it stop
/// working (on this instance at once, on others within <see cref="JwtOptions.SecurityStampCacheSeconds"/>); the user
/// signs in again and gets the new roles. Granting a role held, or removing one not held, changes nothing.
/// </summary>
public sealed class RoleChangeHandler(MarketplaceDbContext db, SecurityStamps stamps)
{
    public Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> GrantAsync(
        Guid userId, GrantRoleRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(userId, request.Role, (user, role) => user.Grant(role), cancellationToken);

    public Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        Guid userId, string role, CancellationToken cancellationToken) =>
        ChangeAsync(userId, role, (user, known) => user.Revoke(known), cancellationToken);

    private async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid userId, string? role, Func<User, string, bool> change, CancellationToken cancellationToken)
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

        if (change(user, role!))
        {
            user.RotateSecurityStamp();
            await db.SaveChangesAsync(cancellationToken);
            stamps.Invalidate(user.Id);
        }

        return TypedResults.Ok(UserResponse.From(user));
    }
}
