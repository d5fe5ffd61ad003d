using Alipay.Sandbox.Trades;
using Microsoft.Extensions.Options;

namespace Alipay.Sandbox.Notifications;

/// <summary>
/// Posts due notifications (form-encoded) to their notify_url. Only a body of exactly <c>success</c> (surrounding
/// whitespace ignored) ends the series; anything else, an error status or a timeout schedules the next attempt
/// on the retry schedule, and after the last one the notification is given up.
/// </summary>
public sealed partial class NotificationDispatcher(
    TradeStore store,
    IHttpClientFactory httpClients,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "alipay-sandbox-notify";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Notifications;
        using var slots = new SemaphoreSlim(settings.MaxConcurrency);
        var inFlight = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var (due, next) = store.Read(trades => FindDue(trades, now, inFlight));
                foreach (var (outTradeNo, notification) in due)
                {
                    lock (inFlight)
                    {
                        inFlight.Add(notification.NotifyId);
                    }
                    await slots.WaitAsync(stoppingToken);
                    _ = Task.Run(async () =>
                    {
                        try
                        {
                            await DeliverAsync(outTradeNo, notification, settings, stoppingToken);
                        }
                        finally
                        {
                            lock (inFlight)
                            {
                                inFlight.Remove(notification.NotifyId);
                            }
                            slots.Release();
                            // The loop may have looked while this one was still in flight and gone to sleep without it.
                            store.WakeNotifier();
                        }
                    }, CancellationToken.None);
                }
                var wait = next is { } at ? at - time.GetUtcNow() : Timeout.InfiniteTimeSpan;
                if (due.Count > 0 || (next is not null && wait <= TimeSpan.Zero))
                {
                    wait = TimeSpan.FromMilliseconds(5);
                }
                using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var changed = store.NotificationsChanged.WaitToReadAsync(wake.Token).AsTask();
                var delay = Task.Delay(wait, time, wake.Token);
                await Task.WhenAny(changed, delay);
                await wake.CancelAsync();
                store.NotificationsChanged.TryRead(out _);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static (List<(string OutTradeNo, SandboxNotification Notification)> Due, DateTimeOffset? Next) FindDue(
        IReadOnlyDictionary<string, SandboxTrade> trades, DateTimeOffset now, HashSet<string> inFlight)
    {
        var due = new List<(string, SandboxNotification)>();
        DateTimeOffset? next = null;
        lock (inFlight)
        {
            foreach (var trade in trades.Values)
            {
                foreach (var n in trade.Notifications)
                {
                    if (!n.IsPending || inFlight.Contains(n.NotifyId) || n.NextAttemptAt is not { } at)
                    {
                        continue;
                    }
                    if (at <= now)
                    {
                        due.Add((trade.OutTradeNo, n));
                    }
                    else if (next is null || at < next)
                    {
                        next = at;
                    }
                }
            }
        }
        return (due, next);
    }

    private async Task DeliverAsync(string outTradeNo, SandboxNotification notification, NotificationDeliveryOptions settings, CancellationToken stoppingToken)
    {
        Dictionary<string, string> fields;
        string url;
        lock (notification)
        {
            fields = new Dictionary<string, string>(notification.Fields, StringComparer.Ordinal);
            url = notification.NotifyUrl;
        }
        string result;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(settings.AttemptTimeout);
            using var content = new FormUrlEncodedContent(fields);
            content.Headers.ContentType!.CharSet = "utf-8";
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(new Uri(url), content, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            result = response.IsSuccessStatusCode && body.Trim() == "success"
                ? "success"
                : $"HTTP {(int)response.StatusCode}: {Truncate(body.Trim())}";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            result = $"timeout after {settings.AttemptTimeout}";
        }
        catch (HttpRequestException ex)
        {
            result = "unreachable: " + ex.Message;
        }
        catch (OperationCanceledException)
        {
            return; // Shutting down: the attempt is not counted and will be made after the next start.
        }
        var now = time.GetUtcNow();
        var schedule = settings.EffectiveSchedule;
        store.Update(trades =>
        {
            notification.Attempts++;
            notification.AttemptedAt.Add(now);
            notification.LastResult = result;
            if (result == "success")
            {
                notification.Delivered = true;
                notification.NextAttemptAt = null;
            }
            else if (notification.Attempts > schedule.Count)
            {
                notification.GaveUp = true;
                notification.NextAttemptAt = null;
            }
            else
            {
                notification.NextAttemptAt = now + schedule[notification.Attempts - 1];
            }
            return (0, true);
        });
        Log.Attempt(logger, notification.NotifyId, outTradeNo, notification.Attempts, result);
    }

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "…";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotifyId} for {OutTradeNo}, attempt {Attempt}: {Result}")]
        public static partial void Attempt(ILogger logger, string notifyId, string outTradeNo, int attempt, string result);
    }
}
