namespace FlashSale.Benchmarks;

public sealed record ScaleOutReport(ScaleOutSettings Settings, IReadOnlyList<ScaleOutRow> Rows, IReadOnlyDictionary<string, string> Machine, DateTimeOffset RunAt);
