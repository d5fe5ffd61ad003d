using Marketplace.Api.Infrastructure.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FlashSale.Benchmarks;

/// <summary>
/// The benchmark's own endpoints, added in front of the API it hosts (<see cref="BenchHostingStartup"/>), so the
/// production API carries no benchmark code. <c>GET /api/bench/ping</c> is the HTTP floor: authenticated and
/// authorised like a purchase (the API's JWT scheme and buyer policy) and doing no I/O, so a purchase's cost can be
/// read against it. <c>POST /api/bench/naive-purchase</c> is the naive baseline (<see cref="NaivePurchase"/>): 409 for
/// a refusal, like a purchase. They run before the API's own middleware, as plain branches rather than routed
/// endpoints: a startup filter sits outside the API's routing.
/// </summary>
public sealed class BenchEndpoints : IStartupFilter
{
    public const string PingPath = "/api/bench/ping";
    public const string NaivePurchasePath = "/api/bench/naive-purchase";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map(PingPath, ping => ping.Run(context => AsBuyerAsync(context, HttpMethods.Get, (buyer, _) =>
            context.Response.WriteAsJsonAsync(new BenchPing(buyer), context.RequestAborted))));
        app.Map(NaivePurchasePath, naive => naive.Run(context => AsBuyerAsync(context, HttpMethods.Post, async (buyer, services) =>
        {
            var outcome = await NaivePurchase.PurchaseAsync(services.GetRequiredService<NpgsqlDataSource>(), buyer, context.RequestAborted);
            context.Response.StatusCode = outcome == "reserved" ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
            await context.Response.WriteAsJsonAsync(new { outcome }, context.RequestAborted);
        })));
        next(app);
    };

    /// <summary>The API's default (JWT) authentication and its buyer policy, then <paramref name="handle"/>.</summary>
    private static async Task AsBuyerAsync(HttpContext context, string method, Func<Guid, IServiceProvider, Task> handle)
    {
        if (!string.Equals(context.Request.Method, method, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var authenticated = await context.AuthenticateAsync();
        if (!authenticated.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(authenticated.Principal, AuthPolicies.Buyer)).Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await handle(authenticated.Principal.UserId(), context.RequestServices);
    }
}
