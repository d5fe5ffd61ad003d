namespace Moderation.Contracts;

/// <summary>One text to moderate; <see cref="Id"/> is the caller's key and comes back on its verdict.</summary>
public sealed record ModerationItem(string Id, string Text);
