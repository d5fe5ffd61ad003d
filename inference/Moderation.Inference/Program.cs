namespace Moderation.Inference;

/// <summary>
/// `dotnet run --project inference/Moderation.Inference -- --bundle DIR --urls URL`. A namespaced entry point, not
/// top-level statements: those generate a global public <c>Program</c> that would clash with the marketplace's in
/// a test project hosting both.
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => InferenceApp.Create(args).RunAsync();
}
