using System.Reflection;
using Marketplace.Api.Infrastructure.Auth;

namespace FlashSale.Benchmarks;

/// <summary>
/// The benchmark executable started again as the API (<see cref="Verb"/> first): it runs the API's own entry point,
/// so the API is the real one, and this assembly is loaded for <see cref="BenchHostingStartup"/> to add the bench
/// endpoints. Every benchmark executable that uses <see cref="ApiProcess"/> calls <see cref="TryRun"/> first thing.
/// </summary>
public static class ServedApi
{
    public const string Verb = "serve-api";

    /// <summary>The API's exit code when <paramref name="args"/> ask to serve it; null otherwise.</summary>
    public static int? TryRun(string[] args)
    {
        if (args.Length == 0 || args[0] != Verb)
        {
            return null;
        }

        var entryPoint = typeof(JwtOptions).Assembly.EntryPoint
            ?? throw new InvalidOperationException("The API assembly has no entry point.");
        try
        {
            return entryPoint.Invoke(null, [args[1..]]) switch
            {
                int exitCode => exitCode,
                Task<int> running => running.GetAwaiter().GetResult(),
                _ => 0,
            };
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            Console.Error.WriteLine(ex.InnerException);
            return 1;
        }
    }
}
