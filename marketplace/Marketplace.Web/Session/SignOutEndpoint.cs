using Microsoft.AspNetCore.Antiforgery;

namespace Marketplace.Web.Session;

/// <summary><c>POST /signout</c> (a form with the antiforgery token): ends the API session and drops the cookie.</summary>
public static class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext context, SignInFlow flow, IAntiforgery antiforgery, CancellationToken ct) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem(statusCode: 400, title: "The sign-out form expired; reload the page and try again.");
            }

            await flow.SignOutAsync(context, ct);
            return Results.LocalRedirect("/");
        }).DisableAntiforgery();
        return app;
    }
}
