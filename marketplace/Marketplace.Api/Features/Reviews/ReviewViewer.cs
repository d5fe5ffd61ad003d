using System.Security.Claims;
using Marketplace.Api.Features.Accounts;
using Marketplace.Api.Infrastructure.Auth;

namespace Marketplace.Api.Features.Reviews;

/// <summary>Who is looking at a review: anonymous, a signed-in user, or an admin.</summary>
public sealed record ReviewViewer(Guid? UserId, bool IsAdmin)
{
    public static ReviewViewer From(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
            ? new ReviewViewer(user.UserId(), user.IsInRole(Roles.Admin))
            : new ReviewViewer(null, false);

    /// <summary>The author and admins see every status and the rejected categories; anyone else published reviews only.</summary>
    public bool IsPrivileged(Review review) => IsAdmin || UserId == review.AuthorId;

    public bool CanSee(Review review) => review.Status == ReviewStatuses.Published || IsPrivileged(review);
}
