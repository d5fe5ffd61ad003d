using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Moderation.ServiceDefaults.Tests;

public sealed class ServiceProblemsTests
{
    [Fact]
    public async Task An_exception_and_a_bare_status_become_customized_problems()
    {
        var builder = TestApp.CreateBuilder();
        builder.Services.AddServiceProblems(context => context.ProblemDetails.Type = "https://example.test/problems/" + context.ProblemDetails.Status);
        await using var app = builder.Build();
        app.UseServiceProblems();
        app.MapGet("/boom", IResult () => throw new InvalidOperationException("secret"));
        app.MapGet("/teapot", () => Results.StatusCode(StatusCodes.Status418ImATeapot));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = app.GetTestClient();

        var boom = await client.GetAsync(new Uri("/boom", UriKind.Relative), TestContext.Current.CancellationToken);
        var teapot = await client.GetAsync(new Uri("/teapot", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, boom.StatusCode);
        Assert.Equal("application/problem+json", boom.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://example.test/problems/500", await TypeOf(boom));
        Assert.Equal((HttpStatusCode)StatusCodes.Status418ImATeapot, teapot.StatusCode);
        Assert.Equal("https://example.test/problems/418", await TypeOf(teapot));
    }

    private static async Task<string?> TypeOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("type").GetString();
}
