namespace EndToEnd.Tests.Harness;

/// <summary>
/// Base of the test classes: when a test fails, the last lines of every child process's output go into the
/// test's output (xunit shows the test state to the test class's disposal).
/// </summary>
public abstract class PlatformTest(Platform platform) : IAsyncDisposable
{
    protected Platform Platform { get; } = platform;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(Platform.DescribeLogs());
        }

        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
