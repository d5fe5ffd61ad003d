using System.Net;
using System.Text;
using System.Text.Json;

namespace Moderation.Inference.Tests;

public class BadInputTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    public static TheoryData<string, string, int, string> Cases()
    {
        var tooMany = JsonSerializer.Serialize(new { items = Enumerable.Range(0, 65).Select(i => new { id = "i" + i, text = "x" }) });
        return new TheoryData<string, string, int, string>
        {
            { "invalid JSON", """{"items":[{"id":"a","text":"unterminated""", 400, "malformed-json" },
            { "not an object", "[1,2,3]", 400, "malformed-json" },
            { "empty body", "", 400, "malformed-json" },
            { "no items field", """{}""", 400, "no-items" },
            { "empty items", """{"items":[]}""", 400, "no-items" },
            { "too many items", tooMany, 413, "too-many-items" },
            { "missing id", """{"items":[{"text":"hello"}]}""", 400, "missing-id" },
            { "empty id", """{"items":[{"id":"","text":"hello"}]}""", 400, "missing-id" },
            { "null item", """{"items":[null]}""", 400, "missing-id" },
            { "missing text", """{"items":[{"id":"a"}]}""", 400, "missing-text" },
            { "duplicate id", """{"items":[{"id":"a","text":"x"},{"id":"a","text":"y"}]}""", 400, "duplicate-id" },
            { "text not a string", """{"items":[{"id":"a","text":5}]}""", 400, "malformed-json" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_answered_with_problem_details(string what, string body, int status, string type)
    {
        using var response = await fixture.Server.Client.PostAsync("v1/moderate", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(status == (int)response.StatusCode, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("https://moderation.local/problems/inference/" + type, problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Invalid_utf8_bytes_in_a_text_are_scored_as_the_replacement_character()
    {
        var ct = TestContext.Current.CancellationToken;
        var bytes = Encoding.UTF8.GetBytes("""{"items":[{"id":"a","text":"bad X byte"}]}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3;
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await fixture.Server.Client.PostAsync("v1/moderate", content, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = JsonSerializer.Deserialize<Contracts.ModerationResponse>(await response.Content.ReadAsStringAsync(ct), Moderate.Json)!.Results[0];
        Moderate.AssertSame((await Moderate.PostAsync(fixture.Server.Client, "bad \uFFFD byte")).Results[0], verdict);
    }

    [Theory]
    [InlineData("lone high \\ud800 surrogate")]
    [InlineData("lone low \\udc00 surrogate")]
    [InlineData("\\udbff")]
    [InlineData("reversed \\udc00\\ud800 pair")]
    public async Task Unpaired_surrogates_get_a_verdict_like_the_replacement_character(string escaped)
    {
        var client = fixture.Server.Client;
        var ct = TestContext.Current.CancellationToken;
        var body = $$"""{"items":[{"id":"a","text":"{{escaped}}"}]}""";
        using var response = await client.PostAsync("v1/moderate", new StringContent(body, Encoding.UTF8, "application/json"), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verdict = JsonSerializer.Deserialize<Contracts.ModerationResponse>(await response.Content.ReadAsStringAsync(ct), Moderate.Json)!.Results[0];
        var replaced = System.Text.RegularExpressions.Regex.Replace(escaped, @"\\u[0-9a-f]{4}", "\uFFFD");
        Moderate.AssertSame((await Moderate.PostAsync(client, replaced)).Results[0], verdict);
    }
}
