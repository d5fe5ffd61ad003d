using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;

namespace Alipay.Sandbox.Trades;

/// <summary>
/// All trades in memory, one lock for every read-modify-write so each trade moves through one state at a time.
/// Every change schedules a rewrite of <c>trades.json</c> (see <see cref="TradePersister"/>); the file is read back at start.
/// </summary>
public sealed class TradeStore
{
    public const string FileName = "trades.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SandboxTrade> _trades = new(StringComparer.Ordinal);
    private readonly Channel<bool> _dirty = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _notificationsChanged = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly string _path;
    private long _version;

    public TradeStore(SandboxDataDirectory directory, ILogger<TradeStore> logger)
    {
        ArgumentNullException.ThrowIfNull(directory);
        _path = directory.File(FileName);
        if (!File.Exists(_path))
        {
            return;
        }
        try
        {
            foreach (var trade in JsonSerializer.Deserialize<List<SandboxTrade>>(File.ReadAllBytes(_path), Json) ?? [])
            {
                _trades[trade.OutTradeNo] = trade;
            }
            logger.LogInformation("Loaded {Count} trades from {Path}", _trades.Count, _path);
        }
        catch (JsonException ex)
        {
            // Keep the unreadable file for inspection instead of overwriting it with an empty store.
            var aside = _path + ".unreadable-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            File.Move(_path, aside);
            logger.LogError(ex, "Trades file {Path} is not valid JSON; moved it to {Aside} and started empty", _path, aside);
        }
    }

    public ChannelReader<bool> Dirty => _dirty.Reader;

    public ChannelReader<bool> NotificationsChanged => _notificationsChanged.Reader;

    /// <summary>Runs <paramref name="action"/> under the lock; a change is persisted (coalesced). Callers that queue a notification call <see cref="WakeNotifier"/>.</summary>
    public T Update<T>(Func<Dictionary<string, SandboxTrade>, (T Result, bool Changed)> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        (T Result, bool Changed) outcome;
        lock (_gate)
        {
            outcome = action(_trades);
            if (outcome.Changed)
            {
                _version++;
            }
        }
        if (outcome.Changed)
        {
            _dirty.Writer.TryWrite(true);
        }
        return outcome.Result;
    }

    /// <summary>Wakes the notification dispatcher: a notification was queued, or an attempt finished.</summary>
    public void WakeNotifier() => _notificationsChanged.Writer.TryWrite(true);

    public T Read<T>(Func<IReadOnlyDictionary<string, SandboxTrade>, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_gate)
        {
            return read(_trades);
        }
    }

    /// <summary>Writes the current state if it changed since <paramref name="writtenVersion"/>; returns the version written.</summary>
    public long Save(long writtenVersion)
    {
        byte[] bytes;
        long version;
        lock (_gate)
        {
            if (_version == writtenVersion)
            {
                return writtenVersion;
            }
            version = _version;
            bytes = JsonSerializer.SerializeToUtf8Bytes(_trades.Values.ToList(), Json);
        }
        AtomicFile.Write(_path, bytes);
        return version;
    }
}
