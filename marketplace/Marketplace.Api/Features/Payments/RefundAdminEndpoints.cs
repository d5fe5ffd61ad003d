using Marketplace.Api.Infrastructure.Auth;

namespace Marketplace.Api.Features.Payments;

/// <summary>Admin-only view of the refunds the retrier gave up on.</summary>
public static class RefundAdminEndpoints
{
    public static IEndpointRouteBuilder MapRefundAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/refunds").WithTags("Payments").RequireAuthorization(AuthPolicies.Admin);
        admin.MapGet("/given-up", (string? page, string? pageSize, GivenUpRefundsHandler handler, CancellationToken ct) =>
            handler.HandleAsync(page, pageSize, ct)).WithName("ListGivenUpRefunds");
        return app;
    }
}
