using System.Net.Http.Json;
using System.Text.Json;
using Moderation.Contracts;

namespace Moderation.Inference.Tests;

/// <summary>Calls POST /v1/moderate with the contract's types and expects success.</summary>
internal static class Moderate
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ModerationResponse> PostAsync(HttpClient client, params string[] texts)
    {
        var items = texts.Select((t, i) => new ModerationItem("t" + i, t)).ToList();
        using var response = await client.PostAsJsonAsync("v1/moderate", new ModerationRequest(items), Json);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<ModerationResponse>(body, Json)!;
    }

    public static void AssertSame(ModerationVerdict expected, ModerationVerdict actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Family!.Label, actual.Family!.Label);
        Assert.Equal(expected.Family!.Score, actual.Family!.Score, tolerance);
        Assert.Equal(expected.Categories!.Abuse, actual.Categories!.Abuse, tolerance);
        Assert.Equal(expected.Categories!.Sexual, actual.Categories!.Sexual, tolerance);
        Assert.Equal(expected.Categories!.Scam, actual.Categories!.Scam, tolerance);
        Assert.Equal(expected.Categories!.Spam, actual.Categories!.Spam, tolerance);
        Assert.Equal(expected.Categories!.PersonalInfo, actual.Categories!.PersonalInfo, tolerance);
        Assert.Equal(expected.Action, actual.Action);
        Assert.Equal(expected.Truncated, actual.Truncated);
    }
}
