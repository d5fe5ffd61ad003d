using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace Moderation.ServiceDefaults.Tests;

/// <summary>A bare web app on an in-memory test server, set up by the test.</summary>
internal static class TestApp
{
    public static WebApplicationBuilder CreateBuilder(params string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseTestServer();
        return builder;
    }
}
