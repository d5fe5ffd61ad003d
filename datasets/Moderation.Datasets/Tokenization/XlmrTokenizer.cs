using System.Text;
using Google.Protobuf;
using Microsoft.ML.Tokenizers;

namespace Moderation.Datasets.Tokenization;

/// <summary>
/// The product's tokenizer layer, shared by training and inference: loads a SentencePiece model (the product's
/// trained Unigram model or XLM-R's real `sentencepiece.bpe.model`) with Microsoft.ML.Tokenizers and returns
/// Hugging Face XLM-R ids: &lt;s&gt;=0, &lt;pad&gt;=1, &lt;/s&gt;=2, &lt;unk&gt;=3, pieces at their SentencePiece id + 1,
/// &lt;mask&gt; last. It corrects the two known differences from Hugging Face: runs of unknown pieces are fused into
/// one &lt;unk&gt;, and control characters are deleted (tab, newline and form feed become spaces).
/// Callers normalise text with <see cref="Text.TextNormalizer"/> first.
/// </summary>
public sealed class XlmrTokenizer
{
    public const int BosId = 0;
    public const int PadId = 1;
    public const int EosId = 2;
    public const int UnkId = 3;

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly int _spmUnk;

    private XlmrTokenizer(SentencePieceTokenizer tokenizer, int pieceCount)
    {
        _tokenizer = tokenizer;
        _spmUnk = tokenizer.UnknownId;
        if (tokenizer.UnknownId != 0 || tokenizer.BeginningOfSentenceId != 1 || tokenizer.EndOfSentenceId != 2)
        {
            throw new InvalidDataException("expected XLM-R's SentencePiece layout: <unk>=0, <s>=1, </s>=2");
        }

        PieceCount = pieceCount;
    }

    /// <summary>Pieces in the SentencePiece model (XLM-R: 250,000).</summary>
    public int PieceCount { get; }

    /// <summary>Ids the model's embedding needs: pieces + &lt;pad&gt; + &lt;mask&gt; (XLM-R: 250,002).</summary>
    public int VocabularySize => PieceCount + 2;

    public int MaskId => PieceCount + 1;

    public static XlmrTokenizer Load(string path) => Load(File.ReadAllBytes(path));

    public static XlmrTokenizer Load(byte[] model)
    {
        using var stream = new MemoryStream(model);
        var tokenizer = SentencePieceTokenizer.Create(stream, false, false);
        return new XlmrTokenizer(tokenizer, CountPieces(model));
    }

    /// <summary>Token ids with &lt;s&gt; … &lt;/s&gt;, at most <paramref name="maxTokens"/> of them, and whether text was cut.</summary>
    public (IReadOnlyList<int> Ids, bool Truncated) Encode(string text, int maxTokens)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 2);
        var pieces = EncodePieces(text);
        var truncated = pieces.Count > maxTokens - 2;
        var ids = new List<int>(Math.Min(pieces.Count, maxTokens - 2) + 2) { BosId };
        ids.AddRange(truncated ? pieces.Take(maxTokens - 2) : pieces);
        ids.Add(EosId);
        return (ids, truncated);
    }

    /// <summary>Hugging Face ids of the text without &lt;s&gt; and &lt;/s&gt;.</summary>
    public IReadOnlyList<int> EncodePieces(string text)
    {
        var ids = new List<int>();
        var previousUnknown = false;
        foreach (var word in RemoveControlCharacters(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Per word: SentencePiece never lets a piece cross whitespace, and short sums avoid float32 near-ties.
            foreach (var spm in _tokenizer.EncodeToIds(word))
            {
                var unknown = spm == _spmUnk;
                if (unknown && previousUnknown)
                {
                    continue;
                }

                previousUnknown = unknown;
                ids.Add(ToHf(spm));
            }
        }

        return ids;
    }

    public string Decode(IEnumerable<int> ids)
    {
        var spm = ids.Where(id => id is not (BosId or EosId or PadId) && id != MaskId).Select(FromHf).ToList();
        return _tokenizer.Decode(spm) ?? string.Empty;
    }

    public static int ToHf(int spmId) => spmId switch
    {
        0 => UnkId,
        1 => BosId,
        2 => EosId,
        _ => spmId + 1,
    };

    public static int FromHf(int hfId) => hfId switch
    {
        UnkId => 0,
        BosId => 1,
        EosId => 2,
        _ => hfId - 1,
    };

    // HF and SentencePiece delete C0 controls and DEL; tab, newline, carriage return and form feed act as spaces.
    private static string RemoveControlCharacters(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\t' or '\n' or '\r' or '\f')
            {
                sb.Append(' ');
            }
            else if (c >= '\u0001' && c <= '\u001F' || c == '\u007F')
            {
                continue;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static int CountPieces(byte[] model)
    {
        var input = new CodedInputStream(model);
        var count = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                count++;
            }

            input.SkipLastField();
        }

        return count;
    }
}
