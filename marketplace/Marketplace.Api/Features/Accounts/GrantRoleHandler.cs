using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

/// <summary>
/// Admin-only: grants a role; takes effect in the user's next token. A change rotates the user's security stamp, so
/// tokens issued before it stop working (the user signs in again and gets the new roles).
/// </summary>
public sealed class GrantRoleHandler(MarketplaceDbContext db, SecurityStamps stamps)
{
    public async Task<Results<Ok<UserResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid userId, GrantRoleRequest request, CancellationToken cancellationToken)
    {
        if (!Roles.IsKnown(request.Role))
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

        if (user.Grant(request.Role!))
        {
            user.RotateSecurityStamp();
            await db.SaveChangesAsync(cancellationToken);
            stamps.Invalidate(user.Id);
        }

        return TypedResults.Ok(UserResponse.From(user));
    }
}
