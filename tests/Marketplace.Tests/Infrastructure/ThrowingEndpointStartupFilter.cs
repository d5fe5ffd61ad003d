using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Test-only: appends, after the API's whole pipeline (so inside its exception handler), a
/// terminal middleware that throws on <see cref="Path"/>, to prove unhandled exceptions become a
/// 500 problem without internals.
/// </summary>
public sealed class ThrowingEndpointStartupFilter : IStartupFilter
{
    public const string Path = "/__test/throw";
    public const string SecretMessage = "secret-internal-detail-42";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            context.Request.Path == Path
                ? throw new InvalidOperationException(SecretMessage)
                : nextMiddleware(context));
    };
}
