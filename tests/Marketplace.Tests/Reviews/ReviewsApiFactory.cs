using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Reviews;

/// <summary>
/// The marketplace pointed at an inference service (or at nothing), with the moderation worker's timings
/// shrunk so tests see polls, back-offs and lease expiries in well under a second.
/// </summary>
internal class ReviewsApiFactory : MarketplaceApiFactory
{
    private readonly Dictionary<string, string?> _settings;

    public ReviewsApiFactory(Uri? inference, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        _settings = Settings(inference, overrides);
    }

    /// <summary>A second instance on <paramref name="primary"/>'s database and Redis prefix.</summary>
    public ReviewsApiFactory(ReviewsApiFactory primary, Uri? inference, IReadOnlyDictionary<string, string?>? overrides = null)
        : base(primary)
    {
        _settings = Settings(inference, overrides);
    }

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => _settings;

    private static Dictionary<string, string?> Settings(Uri? inference, IReadOnlyDictionary<string, string?>? overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Orders:TimeoutSweepInterval"] = "01:00:00",
            ["Orders:AutoCompleteSweepInterval"] = "01:00:00",
            ["Orders:PurchaseLockWait"] = "00:00:30",
            ["Reviews:PollInterval"] = "00:00:00.100",
            ["Reviews:RetryBaseDelay"] = "00:00:00.050",
            ["Reviews:RetryMaxDelay"] = "00:00:00.300",
            ["Reviews:ClaimLease"] = "00:00:30",
            ["Moderation:MaxRetries"] = "1",
            ["Moderation:RetryBaseDelay"] = "00:00:00.050",
            ["Moderation:AttemptTimeout"] = "00:00:05",
            ["Moderation:TotalTimeout"] = "00:00:15",
            ["Moderation:BreakerSamplingDuration"] = "00:00:10",
            ["Moderation:BreakDuration"] = "00:00:00.500",
        };
        if (inference is not null)
        {
            settings["Moderation:BaseUrl"] = inference.ToString();
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public async Task<int> ExecuteAsync(string sql, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(DatabaseName));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync();
    }
}
