namespace EndToEnd.Tests.Model;

/// <summary>A buyer review the tests post: its language, star rating, text and what a moderator would call it.</summary>
public sealed record ReviewText(string Language, int Rating, string Text, params string[] Categories)
{
    public override string ToString() => $"{Language}: {Text}";
}
