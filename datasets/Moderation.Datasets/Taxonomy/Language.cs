namespace Moderation.Datasets.Taxonomy;

/// <summary>A language the corpus may contain: its code (ISO 639-1, or 639-3 where none), English name and family.</summary>
public sealed record Language(string Code, string Name, string Family, bool InXlmr);
