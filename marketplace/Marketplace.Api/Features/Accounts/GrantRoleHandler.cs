using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

/// <summary>Admin-only: grants a role; takes effect in the user's next token.</summary>
public sealed class GrantRoleHandler(MarketplaceDbContext db)
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
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(UserResponse.From(user));
    }
}
