using Marketplace.Api.Infrastructure.Persistence;
using Marketplace.Api.Infrastructure.Startup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marketplace.Api.Features.Accounts;

/// <summary>
/// Ensures the configured admin exists and holds the admin role. Idempotent: an existing admin keeps its
/// password. An existing account with the admin's email that is not an admin is never promoted: whoever
/// registered that email first chose its password, so start-up is refused instead. Runs at start-up as a hosted
/// service (<see cref="AccountEndpoints.AddAdminSeeding"/>), after the migrations.
/// </summary>
public sealed partial class AdminSeeder(
    IServiceScopeFactory scopes, IOptions<AdminOptions> options, TimeProvider time, ILogger<AdminSeeder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => SeedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var admin = options.Value;
        if (!admin.IsConfigured)
        {
            LogNotConfigured(logger);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarketplaceDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>();
        var email = admin.Email!.Trim();
        var normalized = EmailAddress.Normalize(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            user = new User
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                Email = email,
                NormalizedEmail = normalized,
                DisplayName = admin.DisplayName,
                Roles = [Roles.Buyer, Roles.Admin],
                CreatedAt = time.GetUtcNow(),
            };
            user.PasswordHash = hasher.HashPassword(user, admin.ReadPassword()!);
            db.Users.Add(user);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LogCreated(logger, user.Id);
            }
            catch (DbUpdateException ex) when (ex.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
            {
                // Another instance starting beside this one seeded the admin first: check that account as below.
                db.ChangeTracker.Clear();
                user = await db.Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == normalized, cancellationToken);
                LogSeededElsewhere(logger, user.Id);
            }
        }

        if (!user.Roles.Contains(Roles.Admin, StringComparer.Ordinal))
        {
            throw new StartupRefusedException(
                $"Admin:Email {email} belongs to an existing account {user.Id} that is not an admin; it is not promoted " +
                "(its password was chosen by whoever registered it): set Admin:Email to another address, or grant the role as an admin.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin:Email not set; no admin seeded")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin {UserId} was seeded by another instance")]
    private static partial void LogSeededElsewhere(ILogger logger, Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded admin {UserId}")]
    private static partial void LogCreated(ILogger logger, Guid userId);
}
