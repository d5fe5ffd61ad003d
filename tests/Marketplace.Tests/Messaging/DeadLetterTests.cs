using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Marketplace.Api.Features.FlashSales;
using Marketplace.Api.Infrastructure.Messaging;
using Marketplace.Tests.FlashSale;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Messaging;

/// <summary>
/// Messages the order creator can never handle, on its real topic in the mock cluster: each goes to
/// <c>&lt;topic&gt;.dlq</c> with its error and origin, the partition moves on, and admins list and replay them.
/// </summary>
public sealed class DeadLetterTests(DeadLetterApiFactory api) : IClassFixture<DeadLetterApiFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_that_fail_for_good_are_dead_lettered_the_partition_moves_on_and_an_admin_lists_and_replays_them()
    {
        var (saleId, listingId) = await api.NewActiveSaleAsync(saleStock: 2);
        var topic = api.Services.GetRequiredService<IOptions<KafkaOptions>>().Value.OrderRequestsTopic;
        var bootstrap = api.Services.GetRequiredService<KafkaCluster>().BootstrapServers;
        var key = saleId.ToString("N");
        // All three on one partition (one key), in this order: one unreadable, one for a sale that does not exist, and
        // a good order request behind them.
        var unreadable = Encoding.UTF8.GetBytes("{ not json");
        var unknownSale = JsonSerializer.SerializeToUtf8Bytes(
            new OrderRequested(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 9.99m, "USD", DateTimeOffset.UtcNow),
            FlashSaleJson.Options);
        var buyer = await api.NewBuyerAsync();
        var reservationId = Guid.NewGuid();
        var good = JsonSerializer.SerializeToUtf8Bytes(
            new OrderRequested(reservationId, saleId, buyer.Id, listingId, 9.99m, "USD", DateTimeOffset.UtcNow), FlashSaleJson.Options);
        using (var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = bootstrap }).Build())
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = unreadable }, Ct);
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = unknownSale }, Ct);
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = key, Value = good }, Ct);
        }

        // The partition moves on: the request behind the dead letters becomes an order.
        await WaitUntilAsync(async () =>
            (await buyer.Client.GetAsync($"/api/reservations/{reservationId}", Ct)) is { IsSuccessStatusCode: true } found
            && (await found.Content.ReadFromJsonAsync<ReservationResponse>(Ct))!.OrderId is not null,
            "the order request behind the dead letters becomes an order");

        var admin = await api.AdminAsync();
        var letters = (await ListAsync(admin)).Items.Where(l => l.Key == key).OrderBy(l => l.Offset).ToList();
        Assert.Equal(2, letters.Count);
        var (poison, failing) = (letters[0], letters[1]);
        Assert.Equal((topic, B64(unreadable), 1), (poison.Topic, B64(poison.Value), poison.Attempts));
        Assert.Contains("unreadable OrderRequested", poison.Error, StringComparison.Ordinal);
        Assert.Equal((topic, B64(unknownSale), 3), (failing.Topic, B64(failing.Value), failing.Attempts));
        Assert.Contains("does not exist", failing.Error, StringComparison.Ordinal);
        Assert.Equal(poison.Partition, failing.Partition);
        Assert.Equal(JsonSerializer.Deserialize<OrderRequested>(unknownSale, FlashSaleJson.Options)!.ReservationId.ToString(),
            JsonDocument.Parse(failing.Text!).RootElement.GetProperty("reservationId").GetString());

        // The DLQ topic holds both, as they were, with error, attempts and origin in their headers.
        var dead = await ReadAsync(bootstrap, DeadLetterHeaders.TopicFor(topic), count: 2);
        foreach (var (message, letter) in dead.Zip(letters))
        {
            Assert.Equal((key, B64(letter.Value)), (message.Key, B64(message.Value)));
            Assert.Equal(letter.Error, Header(message, DeadLetterHeaders.Error));
            Assert.Equal(letter.Attempts.ToString(CultureInfo.InvariantCulture), Header(message, DeadLetterHeaders.Attempts));
            Assert.Equal(topic, Header(message, DeadLetterHeaders.OriginalTopic));
            Assert.Equal(letter.Partition.ToString(CultureInfo.InvariantCulture), Header(message, DeadLetterHeaders.OriginalPartition));
            Assert.Equal(letter.Offset.ToString(CultureInfo.InvariantCulture), Header(message, DeadLetterHeaders.OriginalOffset));
        }

        // Only admins look or replay.
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Client.GetAsync("/api/admin/dead-letters", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await buyer.Client.PostAsync($"/api/admin/dead-letters/{failing.Id}/replay", null, Ct)).StatusCode);
        using (var anonymous = api.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/dead-letters", Ct)).StatusCode);
        }

        await ProblemAssert.IsProblemAsync(await admin.Client.PostAsync("/api/admin/dead-letters/999999999/replay", null, Ct), HttpStatusCode.NotFound, "not-found");
        await ProblemAssert.IsValidationAsync(await admin.Client.GetAsync("/api/admin/dead-letters?page=0", Ct), "page");

        // A replay puts it back on its topic: the consumer tries it afresh, it fails again, and dies at a new offset.
        var replay = await admin.Client.PostAsync($"/api/admin/dead-letters/{failing.Id}/replay", null, Ct);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var replayed = (await replay.Content.ReadFromJsonAsync<DeadLetterView>(Ct))!;
        Assert.Equal((1, true), (replayed.Replays, replayed.LastReplayedAt is not null));
        DeadLetterView? again = null;
        await WaitUntilAsync(async () =>
                (again = (await ListAsync(admin)).Items.SingleOrDefault(l => l.Key == key && l.Offset > failing.Offset)) is not null,
            "the replayed message is consumed and dead-lettered again");
        Assert.Equal((topic, failing.Partition, B64(unknownSale), 3), (again!.Topic, again.Partition, B64(again.Value), again.Attempts));
    }

    private static async Task<DeadLetterPage> ListAsync(TestUser admin) =>
        (await admin.Client.GetFromJsonAsync<DeadLetterPage>("/api/admin/dead-letters?pageSize=100", Ct))!;

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static string Header(Message<string, byte[]> message, string name) =>
        Encoding.UTF8.GetString(message.Headers.GetLastBytes(name));

    private static async Task<List<Message<string, byte[]>>> ReadAsync(string bootstrap, string topic, int count)
    {
        using var consumer = new ConsumerBuilder<string, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "dlq-reader-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Subscribe(topic);
        var messages = new List<Message<string, byte[]>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (messages.Count < count && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { Message: { } message })
            {
                messages.Add(message);
            }
        }

        consumer.Close();
        Assert.Equal(count, messages.Count);
        return [.. messages.OrderBy(m => long.Parse(Encoding.UTF8.GetString(m.Headers.GetLastBytes(DeadLetterHeaders.OriginalOffset)), CultureInfo.InvariantCulture))];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not reached in time: " + what);
            await Task.Delay(100, Ct);
        }
    }
}
