using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Test-only: appends, after the API's whole pipeline (so inside its exception handler), a
/// terminal middleware that throws on <see cref="Path"/>, to prove unhandled exceptions become a
/// 500 problem without internals, and on <see cref="TransientPath"/> what EF Core throws when the
/// PostgreSQL pool is exhausted, to prove a transient dependency failure is a 503.
/// </summary>
public sealed class ThrowingEndpointStartupFilter : IStartupFilter
{
    public const string Path = "/__test/throw";
    public const string TransientPath = "/__test/throw-transient";
    public const string SecretMessage = "secret-internal-detail-42";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            context.Request.Path == Path
                ? throw new InvalidOperationException(SecretMessage)
                : context.Request.Path == TransientPath
                    ? throw new InvalidOperationException(
                        "An exception has been raised that is likely due to a transient failure.",
                        new Npgsql.NpgsqlException("The connection pool has been exhausted", new TimeoutException(SecretMessage)))
                    : nextMiddleware(context));
    };
}
