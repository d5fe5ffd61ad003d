using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marketplace.Api.Features.Accounts;

public sealed class RegisterHandler(MarketplaceDbContext db, IPasswordHasher<User> hasher, TimeProvider time)
{
    public const int DisplayNameMaxLength = 64;

    public async Task<Results<Created<RegisterResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RegisterRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .When(!EmailAddress.IsValid(request.Email), "email", "A valid email address is required.")
            .When(string.IsNullOrWhiteSpace(request.DisplayName), "displayName", "Display name is required.")
            .When(request.DisplayName?.Trim().Length > DisplayNameMaxLength, "displayName",
                $"Display name must be at most {DisplayNameMaxLength} characters.");
        if (PasswordRules.Check(request.Password) is { } passwordError)
        {
            errors.Add("password", passwordError);
        }

        if (!errors.IsEmpty)
        {
            return ApiProblems.Validation(errors.ToDictionary());
        }

        var email = request.Email!.Trim();
        var normalized = EmailAddress.Normalize(email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            return EmailTaken();
        }

        var user = new User
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            Email = email,
            NormalizedEmail = normalized,
            DisplayName = request.DisplayName!.Trim(),
            Roles = [Roles.Buyer],
            CreatedAt = time.GetUtcNow(),
        };
        user.PasswordHash = hasher.HashPassword(user, request.Password!);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two registrations raced past the check above; the unique index decided.
            return EmailTaken();
        }

        return TypedResults.Created($"/api/users/{user.Id}", new RegisterResponse(user.Id));
    }

    private static ProblemHttpResult EmailTaken() =>
        ApiProblems.Of(StatusCodes.Status409Conflict, ProblemTypes.EmailTaken,
            "The email address is already registered.");
}
