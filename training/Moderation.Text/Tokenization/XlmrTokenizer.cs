using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Microsoft.ML.Tokenizers;

namespace Moderation.Text;

/// <summary>
/// The product's tokenizer layer, shared by training and inference: loads a SentencePiece model (the product's
/// trained Unigram model or XLM-R's real `sentencepiece.bpe.model`) with Microsoft.ML.Tokenizers and returns
/// Hugging Face XLM-R ids: &lt;s&gt;=0, &lt;pad&gt;=1, &lt;/s&gt;=2, &lt;unk&gt;=3, pieces at their SentencePiece id + 1,
/// &lt;mask&gt; last. It corrects the two known differences from Hugging Face: runs of unknown pieces are fused into
/// one &lt;unk&gt;, and control characters are deleted (tab, newline and form feed become spaces).
/// Callers normalise text with <see cref="TextNormalizer"/> first.
/// </summary>
public sealed partial class XlmrTokenizer
{
    public const int BosId = 0;
    public const int PadId = 1;
    public const int EosId = 2;
    public const int UnkId = 3;

    private readonly SentencePieceTokenizer _tokenizer;
    private readonly SentencePieceModelInfo _info;
    private readonly int _spmUnk;

    private XlmrTokenizer(SentencePieceTokenizer tokenizer, SentencePieceModelInfo info)
    {
        _tokenizer = tokenizer;
        _info = info;
        _spmUnk = tokenizer.UnknownId;
        if (tokenizer.UnknownId != 0 || tokenizer.BeginningOfSentenceId != 1 || tokenizer.EndOfSentenceId != 2)
        {
            throw new InvalidDataException("expected XLM-R's SentencePiece layout: <unk>=0, <s>=1, </s>=2");
        }

        PieceCount = info.Pieces.Count;
    }

    /// <summary>True when uncovered characters become UTF-8 byte pieces instead of &lt;unk&gt; (the product's trained models).</summary>
    public bool ByteFallback => _info.ByteFallback && _info.FirstByteId >= 0;

    /// <summary>Pieces in the SentencePiece model (XLM-R: 250,000).</summary>
    public int PieceCount { get; }

    /// <summary>Ids the model's embedding needs: pieces + &lt;pad&gt; + &lt;mask&gt; (XLM-R: 250,002).</summary>
    public int VocabularySize => PieceCount + 2;

    public int MaskId => PieceCount + 1;

    public static XlmrTokenizer Load(string path) => Load(File.ReadAllBytes(path));

    public static XlmrTokenizer Load(byte[] model)
    {
        var info = SentencePieceModelInfo.Parse(model);
        // Microsoft.ML.Tokenizers 2.0.1 misplaces Unigram byte-fallback ids (it offsets from the last byte piece),
        // so it loads the model without the flag and this layer maps <unk> spans to the byte pieces itself.
        using var stream = new MemoryStream(info.ByteFallback ? SentencePieceModelInfo.WithoutByteFallback(model) : model);
        var tokenizer = SentencePieceTokenizer.Create(stream, false, false);
        return new XlmrTokenizer(tokenizer, info);
    }

    /// <summary>Microsoft.ML.Tokenizers' own SentencePiece ids for the whole text, without this layer's corrections.</summary>
    public IReadOnlyList<int> RawSentencePieceIds(string text) => _tokenizer.EncodeToIds(text);

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
            // Special-token literals split a word, and each remaining part gets its own "▁", as Hugging Face does.
            foreach (var part in SpecialLiteral().Split(word))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                var special = SpecialId(part);
                if (special is not null)
                {
                    ids.Add(special.Value);
                    previousUnknown = special == UnkId;
                    continue;
                }

                var tokens = _tokenizer.EncodeToTokens(part, out var normalized);
                foreach (var token in tokens)
                {
                    var unknown = token.Id == _spmUnk;
                    if (unknown && ByteFallback)
                    {
                        var surface = (normalized ?? part)[token.Offset].Replace("\u2581", " ", StringComparison.Ordinal);
                        foreach (var b in Encoding.UTF8.GetBytes(surface))
                        {
                            ids.Add(ToHf(_info.FirstByteId + b));
                        }

                        previousUnknown = false;
                        continue;
                    }

                    if (unknown && previousUnknown)
                    {
                        continue;
                    }

                    previousUnknown = unknown;
                    ids.Add(ToHf(token.Id));
                }
            }
        }

        return ids;
    }

    private int? SpecialId(string part) => part switch
    {
        "<s>" => BosId,
        "<pad>" => PadId,
        "</s>" => EosId,
        "<unk>" => UnkId,
        "<mask>" => MaskId,
        _ => null,
    };

    /// <summary>Text of the ids: pieces concatenated, byte pieces decoded as UTF-8, "▁" as spaces; specials skipped.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id is BosId or EosId or PadId || id == MaskId)
            {
                continue;
            }

            var spm = FromHf(id);
            if (spm < 0 || spm >= _info.Pieces.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(ids), id, "id outside the vocabulary");
            }

            var (piece, type) = _info.Pieces[spm];
            if (type == SentencePieceModelInfo.TypeByte)
            {
                bytes.Add(Convert.ToByte(piece[3..5], 16));
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(spm == _spmUnk ? " \u2047 " : piece));
            }
        }

        var text = Encoding.UTF8.GetString([.. bytes]).Replace('\u2581', ' ');
        return text.StartsWith(' ') ? text[1..] : text;
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

    [GeneratedRegex("(<s>|</s>|<unk>|<pad>|<mask>)")]
    private static partial Regex SpecialLiteral();
}
