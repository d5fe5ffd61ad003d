using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

public sealed class CurrentUserHandler(MarketplaceDbContext db)
{
    public async Task<Results<Ok<UserResponse>, ProblemHttpResult>> HandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null
            ? ApiProblems.NotFound("The account no longer exists.")
            : TypedResults.Ok(UserResponse.From(user));
    }
}
