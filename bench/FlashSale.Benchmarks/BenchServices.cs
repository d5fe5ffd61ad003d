namespace FlashSale.Benchmarks;

/// <summary>
/// What every marketplace benchmark connects to: the services of <c>scripts/services.sh</c> (its
/// <c>env</c> output, else its default ports) and the admin account the benchmark's API seeds.
/// </summary>
public static class BenchServices
{
    public const string AdminEmail = "bench-admin@example.test";
    public const string AdminPassword = "bench-admin-password-1";

    public static string Postgres => Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=15432;Username=moderation;Password=moderation;Database=moderation";

    public static string Redis => Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379";
}
