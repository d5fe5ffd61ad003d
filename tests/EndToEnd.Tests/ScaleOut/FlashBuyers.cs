using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace EndToEnd.Tests.ScaleOut;

/// <summary>What the buyers of one sale were told, by final answer (after retries) and reservation.</summary>
internal sealed class FlashTally
{
    public ConcurrentDictionary<Guid, Guid> Accepted { get; } = new(); // reservation → buyer

    public ConcurrentDictionary<HttpStatusCode, int> Final { get; } = new();

    public int Retried;

    public int GaveUp;

    public override string ToString() =>
        $"202: {Accepted.Count}, final answers: {string.Join(", ", Final.OrderBy(f => f.Key).Select(f => $"{(int)f.Key}: {f.Value}"))}, retried {Retried}, gave up {GaveUp}";
}

/// <summary>
/// Buyers as a real client behaves: one purchase each with an <c>Idempotency-Key</c>, retried with the same key when
/// the answer is a gateway error (its instance died mid-request) or the connection failed, so a retry can never buy twice.
/// </summary>
internal static class FlashBuyers
{
    private const int MaxTries = 30;

    public static async Task BuyAsync(HttpClient gateway, Guid saleId, BulkBuyer buyer, FlashTally tally, CancellationToken ct)
    {
        var key = Guid.NewGuid().ToString("N");
        for (var attempt = 1; attempt <= MaxTries; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/flash-sales/{saleId}/purchase");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", buyer.Token);
                request.Headers.Add("Idempotency-Key", key);
                using var response = await gateway.SendAsync(request, ct);
                if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
                {
                    Interlocked.Increment(ref tally.Retried);
                    await Task.Delay(200 * Math.Min(attempt, 5), ct);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var accepted = (await response.Content.ReadFromJsonAsync<AcceptedView>(ct))!;
                    tally.Accepted[accepted.ReservationId] = buyer.Id;
                }

                tally.Final.AddOrUpdate(response.StatusCode, 1, (_, n) => n + 1);
                return;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref tally.Retried);
                await Task.Delay(200 * Math.Min(attempt, 5), ct);
            }
        }

        Interlocked.Increment(ref tally.GaveUp);
    }

    private sealed record AcceptedView(Guid ReservationId);
}
