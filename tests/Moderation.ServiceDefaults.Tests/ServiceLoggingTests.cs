using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Moderation.ServiceDefaults.Tests;

public sealed class ServiceLoggingTests
{
    [Fact]
    public async Task AspNetCore_logs_from_warning_and_the_rest_from_information()
    {
        var builder = TestApp.CreateBuilder();
        builder.AddServiceLogging();
        await using var app = builder.Build();
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("Moderation.Anything").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task Configuration_overrides_the_defaults()
    {
        var builder = TestApp.CreateBuilder("--Logging:LogLevel:Microsoft.AspNetCore", "Debug");
        builder.AddServiceLogging();
        await using var app = builder.Build();

        Assert.True(app.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Debug));
    }
}
