namespace Moderation.Datasets.Tokenization;

/// <summary>Segmentation lattice over a piece vocabulary: forward-backward expected counts and Viterbi best paths.</summary>
internal sealed class PieceLattice
{
    private readonly string[] _pieces;
    private readonly double[] _scores;
    private readonly Dictionary<string, int> _ids;
    private readonly int _maxLength;

    public PieceLattice(Dictionary<string, double> pieces, int maxLength)
    {
        _pieces = [.. pieces.Keys.Order(StringComparer.Ordinal)];
        _scores = [.. _pieces.Select(p => pieces[p])];
        _ids = new Dictionary<string, int>(_pieces.Length, StringComparer.Ordinal);
        for (var i = 0; i < _pieces.Length; i++)
        {
            _ids[_pieces[i]] = i;
        }

        _maxLength = maxLength;
    }

    public int Count => _pieces.Length;

    public string Piece(int id) => _pieces[id];

    public double Score(int id) => _scores[id];

    private IEnumerable<(int End, int Id)> Edges(string word, int start)
    {
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var length = 1; length <= _maxLength && start + length <= word.Length; length++)
        {
            if (lookup.TryGetValue(word.AsSpan(start, length), out var id))
            {
                yield return (start + length, id);
            }
        }
    }

    public void AddExpectedCounts(string word, double freq, double[] expected)
    {
        var n = word.Length;
        var alpha = new double[n + 1];
        Array.Fill(alpha, double.NegativeInfinity);
        alpha[0] = 0;
        var edges = new List<(int End, int Id)>[n];
        for (var i = 0; i < n; i++)
        {
            edges[i] = [.. Edges(word, i)];
            if (double.IsNegativeInfinity(alpha[i]))
            {
                continue;
            }

            foreach (var (end, id) in edges[i])
            {
                alpha[end] = LogAdd(alpha[end], alpha[i] + _scores[id]);
            }
        }

        if (double.IsNegativeInfinity(alpha[n]))
        {
            return;
        }

        var beta = new double[n + 1];
        Array.Fill(beta, double.NegativeInfinity);
        beta[n] = 0;
        for (var i = n - 1; i >= 0; i--)
        {
            foreach (var (end, id) in edges[i])
            {
                beta[i] = LogAdd(beta[i], _scores[id] + beta[end]);
            }
        }

        var z = alpha[n];
        for (var i = 0; i < n; i++)
        {
            foreach (var (end, id) in edges[i])
            {
                expected[id] += freq * Math.Exp(alpha[i] + _scores[id] + beta[end] - z);
            }
        }
    }

    /// <summary>The best segmentation of a word, optionally without one piece; empty when none exists.</summary>
    public List<int> Viterbi(string word, int exclude)
    {
        var n = word.Length;
        var best = new double[n + 1];
        var back = new (int Start, int Id)[n + 1];
        Array.Fill(best, double.NegativeInfinity);
        best[0] = 0;
        for (var i = 0; i < n; i++)
        {
            if (double.IsNegativeInfinity(best[i]))
            {
                continue;
            }

            foreach (var (end, id) in Edges(word, i))
            {
                if (id == exclude)
                {
                    continue;
                }

                var score = best[i] + _scores[id];
                if (score > best[end])
                {
                    best[end] = score;
                    back[end] = (i, id);
                }
            }
        }

        var path = new List<int>();
        if (double.IsNegativeInfinity(best[n]))
        {
            return path;
        }

        for (var pos = n; pos > 0; pos = back[pos].Start)
        {
            path.Add(back[pos].Id);
        }

        path.Reverse();
        return path;
    }

    private static double LogAdd(double a, double b)
    {
        if (double.IsNegativeInfinity(a))
        {
            return b;
        }

        if (double.IsNegativeInfinity(b))
        {
            return a;
        }

        return a > b ? a + double.LogP1(Math.Exp(b - a)) : b + double.LogP1(Math.Exp(a - b));
    }
}
