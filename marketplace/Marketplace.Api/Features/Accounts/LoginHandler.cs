using Marketplace.Api.Infrastructure.Auth;
using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Marketplace.Api.Infrastructure.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marketplace.Api.Features.Accounts;

public sealed class LoginHandler(MarketplaceDbContext db, IPasswordHasher<User> hasher, TokenIssuer tokens, SignInLockout lockout)
{
    // Verified against when the email is unknown, so both failures cost one PBKDF2 run.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<User>().HashPassword(new User(), "decoy-password"));

    public async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult, RateLimitRefusal>> HandleAsync(
        LoginRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .When(string.IsNullOrWhiteSpace(request.Email), "email", "Email is required.")
            .When(string.IsNullOrEmpty(request.Password), "password", "Password is required.");
        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        // Checked and counted before the password, so a locked account learns nothing from a right guess and racing
        // guesses cannot all pass before one is counted.
        var normalized = EmailAddress.Normalize(request.Email!);
        if (await lockout.BeginAttemptAsync(normalized) is { } locked)
        {
            return locked;
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User(), DecoyHash.Value, request.Password!);
            return InvalidCredentials();
        }

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password!);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return InvalidCredentials();
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, request.Password!);
            await db.SaveChangesAsync(cancellationToken);
        }

        await lockout.RecordSuccessAsync(normalized);
        var token = tokens.Issue(user.Id, user.Email, user.Roles, user.SecurityStamp, user.CreatedAt);
        return TypedResults.Ok(new TokenResponse(token.Value, token.ExpiresInSeconds));
    }

    private static ProblemHttpResult InvalidCredentials() =>
        ApiProblems.Of(StatusCodes.Status401Unauthorized, ProblemTypes.InvalidCredentials,
            "Email or password is wrong.");
}
