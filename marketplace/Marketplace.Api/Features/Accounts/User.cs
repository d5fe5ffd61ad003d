using Marketplace.Api.Domain;

namespace Marketplace.Api.Features.Accounts;

public sealed class User : IVersioned
{
    public Guid Id { get; set; }

    /// <summary>As the user typed it (trimmed), for display and mail.</summary>
    public string Email { get; set; } = "";

    /// <summary>Lookup key, unique: see <see cref="EmailAddress.Normalize"/>.</summary>
    public string NormalizedEmail { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public int Version { get; set; }

    /// <summary>
    /// Carried in every token issued to the user; a token with another stamp is refused. Rotated when an admin grants or
    /// removes a role, or the user signs out, which revokes every token issued before. Becoming a seller does not rotate
    /// it: it only adds a right, and the token issued with it carries the new role.
    /// </summary>
    public Guid SecurityStamp { get; set; } = Guid.NewGuid();

    public void RotateSecurityStamp() => SecurityStamp = Guid.NewGuid();

    /// <summary>Adds <paramref name="role"/>; false when the user already had it.</summary>
    public bool Grant(string role)
    {
        if (Roles.Contains(role, StringComparer.Ordinal))
        {
            return false;
        }

        // A new list, so EF Core sees the array column change.
        Roles = [.. Roles, role];
        return true;
    }

    /// <summary>Removes <paramref name="role"/>; false when the user did not have it.</summary>
    public bool Revoke(string role)
    {
        if (!Roles.Contains(role, StringComparer.Ordinal))
        {
            return false;
        }

        Roles = [.. Roles.Where(r => !string.Equals(r, role, StringComparison.Ordinal))];
        return true;
    }
}
