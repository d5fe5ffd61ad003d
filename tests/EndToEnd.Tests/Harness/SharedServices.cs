using Npgsql;

namespace EndToEnd.Tests.Harness;

/// <summary>
/// The PostgreSQL and Redis that <c>scripts/services.sh</c> runs: the connection strings <c>services.sh env</c>
/// exports, else the same defaults the marketplace's development settings use.
/// </summary>
internal static class SharedServices
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=15432;Username=moderation;Password=moderation;Database=moderation";

    public static string Redis =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379";

    public static string PostgresFor(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    public static NpgsqlConnection OpenMaintenance()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }
}
