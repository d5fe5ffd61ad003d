using System.Text;

namespace Moderation.Datasets.Generation;

/// <summary>The tricks users try to slip a word past a filter, applied to the key term of a generated row.</summary>
public enum EvasionKind
{
    Spacing,
    Leetspeak,
    Homoglyphs,
    ZeroWidth,
    Dotted,
    FullWidth,
}

/// <summary>Applies an <see cref="EvasionKind"/> to a term. Zero-width and full-width forms are undone by NFKC/cleaning; the rest survive it.</summary>
public static class Evasion
{
    private static readonly Dictionary<char, char> Leet = new()
    {
        ['a'] = '4', ['e'] = '3', ['i'] = '1', ['o'] = '0', ['s'] = '5', ['t'] = '7', ['A'] = '4', ['E'] = '3', ['I'] = '1', ['O'] = '0', ['S'] = '5',
    };

    // Latin letters and the Cyrillic/Greek letters that look the same ("mixed scripts").
    private static readonly Dictionary<char, char> Homoglyph = new()
    {
        ['a'] = 'а', ['e'] = 'е', ['o'] = 'о', ['p'] = 'р', ['c'] = 'с', ['x'] = 'х', ['y'] = 'у', ['i'] = 'і',
        ['A'] = 'А', ['B'] = 'В', ['E'] = 'Е', ['H'] = 'Н', ['K'] = 'К', ['M'] = 'М', ['O'] = 'О', ['P'] = 'Р', ['T'] = 'Т', ['X'] = 'Х',
    };

    public static string Apply(EvasionKind kind, string term) => kind switch
    {
        EvasionKind.Spacing => Join(term, " "),
        EvasionKind.Dotted => Join(term, "."),
        EvasionKind.ZeroWidth => Join(term, "\u200B"),
        EvasionKind.Leetspeak => Map(term, Leet),
        EvasionKind.Homoglyphs => Map(term, Homoglyph),
        EvasionKind.FullWidth => new string([.. term.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c)]),
        _ => term,
    };

    private static string Join(string term, string separator)
    {
        var sb = new StringBuilder(term.Length * 2);
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(term);
        var first = true;
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (element == " ")
            {
                continue;
            }

            if (!first)
            {
                sb.Append(separator);
            }

            sb.Append(element);
            first = false;
        }

        return sb.ToString();
    }

    private static string Map(string term, Dictionary<char, char> table) =>
        new([.. term.Select(c => table.TryGetValue(c, out var m) ? m : c)]);
}
