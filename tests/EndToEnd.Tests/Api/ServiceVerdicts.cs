using EndToEnd.Tests.Harness;
using EndToEnd.Tests.Model;
using Moderation.Contracts;

namespace EndToEnd.Tests.Api;

/// <summary>What the inference process itself answers for the review texts: the verdicts the reviews must end with.</summary>
public static class ServiceVerdicts
{
    public static async Task<(string ModelVersion, IReadOnlyDictionary<ReviewText, ModerationDecision> Verdicts)> AskAsync(
        Platform platform, IReadOnlyList<ReviewText> texts)
    {
        using var http = platform.InferenceClient();
        var client = new ModerationClient(http);
        var response = await client.ModerateAsync([.. texts.Select((t, i) => new ModerationItem(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Text))]);
        return (response.ModelVersion, texts.Select((t, i) => (t, response.Results[i])).ToDictionary(x => x.t, x => x.Item2));
    }
}
