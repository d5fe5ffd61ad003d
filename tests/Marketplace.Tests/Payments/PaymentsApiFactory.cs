using Marketplace.Alipay;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Tests.Payments;

/// <summary>
/// The marketplace in-process with its Alipay client pointed at the in-process sandbox (keys read
/// from the sandbox's folder, as in production), background sweeps slowed so tests drive them.
/// </summary>
public sealed class PaymentsApiFactory(
    string keyDirectory, Func<HttpMessageHandler> sandboxHandler, IReadOnlyDictionary<string, string?>? overrides = null) : MarketplaceApiFactory
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings
    {
        get
        {
            var settings = Defaults;
            foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    private Dictionary<string, string?> Defaults => new()
    {
        ["Orders:TimeoutSweepInterval"] = "01:00:00",
        ["Orders:AutoCompleteSweepInterval"] = "01:00:00",
        ["Orders:PurchaseLockWait"] = "00:00:30",
        ["Alipay:GatewayUrl"] = "http://sandbox.test/gateway.do",
        ["Alipay:KeyDirectory"] = keyDirectory,
        ["Payments:RefundRetryInterval"] = "00:00:01",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddHttpClient<AlipayClient>().ConfigurePrimaryHttpMessageHandler(sandboxHandler));
    }

    public async Task<string?> ScalarTextAsync(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(TestServices.PostgresFor(DatabaseName));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (string?)await command.ExecuteScalarAsync();
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
