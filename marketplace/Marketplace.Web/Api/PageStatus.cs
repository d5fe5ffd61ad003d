namespace Marketplace.Web.Api;

/// <summary>
/// A server-rendered page that could not load what it shows answers with the API's status (404 for an order that is
/// not the caller's, 503 when the API is down), so the status is true for browsers, crawlers and tests alike.
/// </summary>
public static class PageStatus
{
    public static void Set(HttpContext? context, ApiProblem? problem)
    {
        if (context is { Response.HasStarted: false } && problem is { Status: >= 400 and < 600 })
        {
            // A 404 is re-executed as the site's not-found page (Blazor renders no body of its own for it), which says no
            // more than the API did: an order that is not yours looks like one that does not exist.
            context.Response.StatusCode = problem.Status;
        }
    }
}
