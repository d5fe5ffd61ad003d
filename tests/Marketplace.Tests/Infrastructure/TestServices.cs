using Npgsql;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Where the real PostgreSQL and Redis are: the variables <c>scripts/services.sh env</c> exports,
/// else the same defaults the API's development settings use.
/// </summary>
public static class TestServices
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Postgres")
        ?? "Host=127.0.0.1;Port=15432;Username=moderation;Password=moderation;Database=moderation";

    public static string Redis =>
        Environment.GetEnvironmentVariable("ConnectionStrings__Redis") ?? "127.0.0.1:16379";

    /// <summary>The server's connection string pointed at <paramref name="database"/>.</summary>
    public static string PostgresFor(string database) =>
        new NpgsqlConnectionStringBuilder(Postgres) { Database = database }.ConnectionString;

    /// <summary>A connection to the maintenance database, for CREATE/DROP DATABASE.</summary>
    public static NpgsqlConnection OpenMaintenance()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Postgres)
        {
            Database = "postgres",
            Pooling = false,
        }.ConnectionString);
        connection.Open();
        return connection;
    }
}
