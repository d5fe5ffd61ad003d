namespace EndToEnd.Tests.Harness;

/// <summary>
/// Polls a condition until it holds or a generous deadline passes (the machine is shared and slow); never a timing
/// assertion: the deadline only bounds how long a broken build makes the test wait.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(90);

    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultDeadline);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"{what}: not reached within {(within ?? DefaultDeadline).TotalSeconds:0}s; last value: {value}");
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
