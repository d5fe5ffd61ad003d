using System.Globalization;
using Moderation.Datasets.Corpus;
using Moderation.Text;

namespace Moderation.Datasets.Tokenization;

/// <summary>
/// Unigram language-model tokenizer training (Kudo 2018), as SentencePiece does it: frequent substrings seed the
/// vocabulary, EM re-estimates piece probabilities from the expected counts of a forward-backward pass over each
/// word's segmentation lattice, and pruning drops the pieces whose removal loses the least likelihood (measured by
/// Viterbi re-segmentation) until the target size is reached. Characters outside the coverage set are left to
/// byte fallback. Words are whitespace-separated and carry SentencePiece's "▁" prefix.
/// </summary>
public sealed class UnigramTrainer(UnigramTrainerOptions options, Action<string>? log = null)
{
    public const char Space = '\u2581';

    private readonly Action<string> _log = log ?? (_ => { });

    /// <summary>The normalised texts of a corpus's train split.</summary>
    public static IReadOnlyList<string> ReadCorpus(string corpusDirectory)
    {
        var path = Path.Combine(corpusDirectory, Splits.FileName(Splits.Train));
        if (!File.Exists(path))
        {
            throw new BuildException($"{path}: no train split (build the corpus first)");
        }

        return [.. CorpusJson.Read(path).Select(r => r.Text)];
    }

    public UnigramModel Train(IReadOnlyList<string> texts)
    {
        if (options.NormalPieces < 10)
        {
            throw new ArgumentException($"vocab size {options.VocabSize} leaves no room for pieces (needs > {UnigramTrainerOptions.ReservedIds + 10})");
        }

        var sample = texts
            .Select(TextNormalizer.Normalize)
            .Where(t => t.Length > 0)
            .OrderBy(Building.SplitAssigner.TextHash, StringComparer.Ordinal)
            .Take(options.MaxSentences)
            .ToList();
        _log($"tokenizer: {sample.Count} sentences");

        var alphabet = Alphabet(sample);
        var words = Words(sample, alphabet);
        _log($"tokenizer: {alphabet.Count} characters cover {options.CharacterCoverage.ToString(CultureInfo.InvariantCulture)}, {words.Count} distinct words");

        var pieces = Seed(words, alphabet);
        _log($"tokenizer: {pieces.Count} seed pieces");
        var target = options.NormalPieces;
        while (true)
        {
            for (var i = 0; i < options.SubIterations; i++)
            {
                pieces = EmStep(pieces, words, alphabet);
            }

            if (pieces.Count <= target)
            {
                break;
            }

            var before = pieces.Count;
            pieces = Prune(pieces, words, alphabet, target);
            _log($"tokenizer: pruned to {pieces.Count} pieces");
            if (pieces.Count >= before)
            {
                break; // only single characters are left; the least frequent go to byte fallback below
            }
        }

        var final = pieces
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(target)
            .Select(p => (p.Key, (float)p.Value))
            .ToList();
        return new UnigramModel(final);
    }

    private HashSet<char> Alphabet(List<string> sample)
    {
        var counts = new Dictionary<char, long>();
        long total = 0;
        foreach (var text in sample)
        {
            foreach (var c in text)
            {
                if (c == ' ' || char.IsSurrogate(c))
                {
                    continue;
                }

                counts[c] = counts.GetValueOrDefault(c) + 1;
                total++;
            }
        }

        var alphabet = new HashSet<char> { Space };
        long covered = 0;
        foreach (var (c, n) in counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key))
        {
            if (covered >= total * options.CharacterCoverage)
            {
                break;
            }

            alphabet.Add(c);
            covered += n;
        }

        return alphabet;
    }

    // Distinct "▁word" segments with their frequencies; runs of characters outside the alphabet split a word.
    private static Dictionary<string, int> Words(List<string> sample, HashSet<char> alphabet)
    {
        var words = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in sample)
        {
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var start = 0;
                var marked = Space + word;
                for (var i = 0; i <= marked.Length; i++)
                {
                    if (i == marked.Length || !alphabet.Contains(marked[i]))
                    {
                        if (i > start)
                        {
                            var segment = marked[start..i];
                            words[segment] = words.GetValueOrDefault(segment) + 1;
                        }

                        start = i + 1;
                    }
                }
            }
        }

        return words;
    }

    private Dictionary<string, double> Seed(Dictionary<string, int> words, HashSet<char> alphabet)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var characters = new Dictionary<char, long>();
        foreach (var (word, freq) in words)
        {
            for (var start = 0; start < word.Length; start++)
            {
                characters[word[start]] = characters.GetValueOrDefault(word[start]) + freq;
                for (var length = 2; length <= options.MaxPieceLength && start + length <= word.Length; length++)
                {
                    var piece = word.AsSpan(start, length);
                    lookup[piece] = lookup.TryGetValue(piece, out var n) ? n + freq : freq;
                }
            }
        }

        var seeds = counts
            .Where(kv => kv.Value >= 2)
            .OrderByDescending(kv => kv.Value * kv.Key.Length)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Take(options.SeedSize)
            .ToDictionary(kv => kv.Key, kv => (double)kv.Value, StringComparer.Ordinal);
        foreach (var c in alphabet)
        {
            seeds[c.ToString()] = characters.GetValueOrDefault(c) + 1;
        }

        var total = seeds.Values.Sum();
        return seeds.ToDictionary(kv => kv.Key, kv => Math.Log(kv.Value / total), StringComparer.Ordinal);
    }

    private Dictionary<string, double> EmStep(Dictionary<string, double> pieces, Dictionary<string, int> words, HashSet<char> alphabet)
    {
        var lattice = new PieceLattice(pieces, options.MaxPieceLength);
        var expected = new double[lattice.Count];
        foreach (var (word, freq) in words)
        {
            lattice.AddExpectedCounts(word, freq, expected);
        }

        var updated = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0.0;
        for (var i = 0; i < lattice.Count; i++)
        {
            var piece = lattice.Piece(i);
            var keep = piece.Length == 1 && alphabet.Contains(piece[0]);
            if (expected[i] >= 0.5 || keep)
            {
                updated[piece] = Math.Max(expected[i], 0.5);
                total += updated[piece];
            }
        }

        // Variational Bayes M-step, as SentencePiece: digamma instead of log sharpens the distribution toward
        // pieces with real support.
        var logTotal = Digamma(total);
        return updated.ToDictionary(kv => kv.Key, kv => Digamma(kv.Value) - logTotal, StringComparer.Ordinal);
    }

    /// <summary>ψ(x) for x &gt; 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 6, then the asymptotic series.</summary>
    internal static double Digamma(double x)
    {
        var shift = 0.0;
        while (x < 6)
        {
            shift -= 1 / x;
            x += 1;
        }

        var inv2 = 1 / (x * x);
        var series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 / 132))));
        return shift + Math.Log(x) - 0.5 / x - series;
    }

    private Dictionary<string, double> Prune(Dictionary<string, double> pieces, Dictionary<string, int> words, HashSet<char> alphabet, int target)
    {
        var lattice = new PieceLattice(pieces, options.MaxPieceLength);
        var usage = new double[lattice.Count];
        foreach (var (word, freq) in words)
        {
            foreach (var id in lattice.Viterbi(word, exclude: -1))
            {
                usage[id] += freq;
            }
        }

        var losses = new List<(string Piece, double Loss)>();
        for (var i = 0; i < lattice.Count; i++)
        {
            var piece = lattice.Piece(i);
            if (piece.Length == 1)
            {
                continue; // single characters are always kept
            }

            var alternative = lattice.Viterbi(piece, exclude: i);
            var altScore = alternative.Sum(lattice.Score);
            // Likelihood lost if every use of the piece were re-segmented into the alternative.
            losses.Add((piece, usage[i] * (lattice.Score(i) - altScore)));
        }

        var keepCount = Math.Max(target, (int)(pieces.Count * options.ShrinkingFactor)) - alphabet.Count;
        var kept = losses
            .OrderByDescending(l => l.Loss)
            .ThenBy(l => l.Piece, StringComparer.Ordinal)
            .Take(Math.Max(0, keepCount))
            .Select(l => l.Piece)
            .ToHashSet(StringComparer.Ordinal);
        return pieces
            .Where(kv => kv.Key.Length == 1 || kept.Contains(kv.Key))
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
