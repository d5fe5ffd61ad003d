using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using StackExchange.Redis;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The real API in-process (real HTTP pipeline) against the real PostgreSQL and Redis, isolated:
/// a fresh database per fixture (migrated by the API's own start-up) dropped on dispose, and a
/// Redis key prefix of its own whose keys are deleted on dispose.
/// </summary>
public class MarketplaceApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@marketplace.test";
    public const string AdminPassword = "admin-password-1";
    public const string SigningKey = "tests-only-hs256-signing-key-0123456789abcdef";
    public const string Issuer = "moderation-marketplace";
    public const string Audience = "moderation-marketplace";
    public const int MaxBodyBytes = 16 * 1024;
    public const string ScrapeToken = "tests-only-metrics-scrape-token";

    private readonly string _id;
    private readonly bool _ownsStores;

    public MarketplaceApiFactory()
    {
        _id = Guid.NewGuid().ToString("N")[..12];
        _ownsStores = true;
    }

    /// <summary>
    /// A second API instance on <paramref name="primary"/>'s database and Redis prefix (another
    /// host of the same deployment); the primary creates and drops them.
    /// </summary>
    protected MarketplaceApiFactory(MarketplaceApiFactory primary)
    {
        _id = primary._id;
        _ownsStores = false;
    }

    public string DatabaseName => $"marketplace_test_{_id}";

    /// <summary>A single number read straight from this host's database (counts and sums tests assert on).</summary>
    public async Task<long> ScalarAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(DatabaseName));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public string KeyPrefix => $"test:{_id}:";

    /// <summary>Redis the API talks to; a subclass points it elsewhere to simulate an outage.</summary>
    protected virtual string RedisConnectionString => TestServices.Redis;

    /// <summary>Settings a subclass adds or overrides on top of the fixture's.</summary>
    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings { get; } = new Dictionary<string, string?>();

    /// <summary>
    /// Every rate limit and the sign-in lock-out raised far above what a test does: test clients share one
    /// (unknown) address and create hundreds of accounts and purchases. Rate-limit tests lower them in
    /// <see cref="ExtraSettings"/>.
    /// </summary>
    private static readonly Dictionary<string, string?> RaisedRateLimits = new[]
        {
            "SignInPerAddress", "SignInPerAccount", "SignUpPerAddress", "SignUpPerAccount",
            "PurchasePerBuyer", "PurchasePerAddress", "ReviewPerBuyer", "PaymentNotifyPerAddress",
        }
        .ToDictionary(rule => $"RateLimiting:{rule}:PermitLimit", string? (_) => "10000000")
        .Append(new("RateLimiting:LockoutFailures", "1000000"))
        .ToDictionary();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = TestServices.PostgresFor(DatabaseName),
            ["ConnectionStrings:Redis"] = RedisConnectionString,
            ["Redis:KeyPrefix"] = KeyPrefix,
            // Above production's 2 s: these tests check outcomes, not latency, and on two shared cores a GC pause plus the
            // tests' own load pushed single Redis calls past 1 s in CI (a 503 in the stampede, a timed-out ledger read).
            ["Redis:TimeoutMilliseconds"] = "4000",
            // One order-consumer client per in-process host (production runs 3): a dozen hosts share two cores with
            // the tests' own load, and three polling clients each pushed the stampede's Redis calls past the 1 s
            // timeout in CI. The end-to-end ScaleOut tests and the benchmark run the default.
            ["Kafka:OrderConsumers"] = "1",
            ["Jwt:SigningKey"] = SigningKey,
            ["Jwt:Issuer"] = Issuer,
            ["Jwt:Audience"] = Audience,
            ["Jwt:ClockSkewSeconds"] = "0",
            ["Admin:Email"] = AdminEmail,
            ["Admin:Password"] = AdminPassword,
            ["Metrics:ScrapeToken"] = ScrapeToken,
            ["Http:MaxRequestBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
            // A small bloom filter per fixture (Redis holds one per test database).
            ["Cache:BloomExpectedItems"] = "100000",
        }).AddInMemoryCollection(RaisedRateLimits).AddInMemoryCollection(ExtraSettings));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ThrowingEndpointStartupFilter>();
            // Same PBKDF2 hasher, fewer rounds: tests create hundreds of accounts on a 2-core machine.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
        });
    }

    public async ValueTask InitializeAsync()
    {
        if (!_ownsStores)
        {
            _ = Server;
            return;
        }

        await using (var connection = TestServices.OpenMaintenance())
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE DATABASE \"{DatabaseName}\"";
            await create.ExecuteNonQueryAsync();
        }

        // Starting the host runs the API's migrations and admin seed against the new database.
        _ = Server;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!_ownsStores)
        {
            GC.SuppressFinalize(this);
            return;
        }

        await using (var connection = TestServices.OpenMaintenance())
        await using (var drop = connection.CreateCommand())
        {
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)";
            await drop.ExecuteNonQueryAsync();
        }

        await DeleteRedisKeysAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Keys under this fixture's prefix, read straight from the real Redis.</summary>
    public async Task<IReadOnlyList<string>> RedisKeysAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        return [.. (await RedisKeyspace.ScanAsync(redis, KeyPrefix + "*")).Select(k => k.ToString())];
    }

    private async Task DeleteRedisKeysAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        await RedisKeyspace.DeleteAsync(redis, await RedisKeyspace.ScanAsync(redis, KeyPrefix + "*"));
    }
}
