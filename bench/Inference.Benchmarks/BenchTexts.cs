using System.Text.Json;

namespace Inference.Benchmarks;

/// <summary>Review texts to score: the corpus test split when there is one, else a fixed multilingual set.</summary>
public static class BenchTexts
{
    private static readonly string[] Fallback =
    [
        "Great seller, fast delivery, would buy again!",
        "The package arrived broken and nobody answered my messages for a week. Never again.",
        "Продавец ответил быстро, спасибо. Товар пришёл вовремя и без повреждений.",
        "卖家回复很快，谢谢！质量很好，物流也快。",
        "El vendedor respondió rápido, ¡muchas gracias! Producto excelente.",
        "Call me at 555 0100 or write to my email to get a better price, cheap cheap cheap",
        "판매자가 빨리 답해줬어요. 배송도 빨라요.",
        "Der Verkäufer hat schnell geantwortet, vielen Dank. Sehr gute Qualität.",
    ];

    public static IReadOnlyList<string> Load(string? jsonl, int count)
    {
        if (jsonl is null)
        {
            return Fallback;
        }

        // Every k-th row, so languages and lengths are spread like the split's.
        var rows = File.ReadLines(jsonl).ToList();
        var step = Math.Max(1, rows.Count / count);
        return rows.Where((_, i) => i % step == 0).Take(count)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString() ?? "")
            .ToList();
    }
}
