using Microsoft.Extensions.Options;

namespace Marketplace.Api.Infrastructure.Startup;

/// <summary>
/// A refused start (invalid settings, or a <see cref="StartupRefusedException"/> from a start-up step) ends the
/// process with one line on stderr and exit code 2 instead of an unhandled exception's stack trace. It hooks the
/// unhandled-exception event rather than catching in <c>Program</c>: a test host reads the same exception from the
/// entry point, so the entry point must still throw it.
/// </summary>
public static class StartupRefusal
{
    public const int ExitCode = 2;

    private static int _hooked;

    public static void ReportAsOneLine(TextWriter error)
    {
        if (Interlocked.Exchange(ref _hooked, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is Exception ex && Describe(ex) is { } line)
            {
                error.WriteLine($"marketplace: {line}");
                error.Flush();
                Environment.Exit(ExitCode);
            }
        };
    }

    /// <summary>The refusal's one line, or null when <paramref name="exception"/> is not a refusal.</summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join(" ", invalid.Failures),
        StartupRefusedException refused => refused.Message,
        AggregateException many when many.InnerExceptions.Select(Describe).ToList() is var lines && lines.TrueForAll(l => l is not null) =>
            string.Join(" ", lines),
        _ => null,
    };
}
