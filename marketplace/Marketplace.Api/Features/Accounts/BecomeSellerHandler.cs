using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

/// <summary>Adds the seller role and returns a fresh token carrying it (roles live in the token).</summary>
public sealed class BecomeSellerHandler(MarketplaceDbContext db, TokenIssuer tokens)
{
    public async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> HandleAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ApiProblems.NotFound("The account no longer exists.");
        }

        if (user.Grant(Roles.Seller))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var token = tokens.Issue(user.Id, user.Email, user.Roles, user.SecurityStamp, user.CreatedAt);
        return TypedResults.Ok(new TokenResponse(token.Value, token.ExpiresInSeconds));
    }
}
