using System.Globalization;
using Google.Protobuf;

namespace Moderation.Datasets.Tokenization;

/// <summary>
/// Writes a trained Unigram model as SentencePiece's `ModelProto` (field numbers from sentencepiece_model.proto),
/// in XLM-R's layout: 0 &lt;unk&gt;, 1 &lt;s&gt;, 2 &lt;/s&gt;, then &lt;0x00&gt;…&lt;0xFF&gt; byte pieces, then the pieces by score.
/// </summary>
public static class SentencePieceModelWriter
{
    private const int Normal = 1;
    private const int Unknown = 2;
    private const int Control = 3;
    private const int Byte = 6;

    public static byte[] Write(UnigramModel model, UnigramTrainerOptions options)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            WritePiece(output, "<unk>", 0, Unknown);
            WritePiece(output, "<s>", 0, Control);
            WritePiece(output, "</s>", 0, Control);
            for (var b = 0; b < 256; b++)
            {
                WritePiece(output, string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>"), 0, Byte);
            }

            foreach (var (piece, score) in model.Pieces)
            {
                WritePiece(output, piece, score, Normal);
            }

            WriteMessage(output, 2, TrainerSpec(model, options));
            WriteMessage(output, 3, NormalizerSpec());
        }

        return buffer.ToArray();
    }

    private static void WritePiece(CodedOutputStream output, string piece, float score, int type) =>
        WriteMessage(output, 1, o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(piece);
            o.WriteTag(2, WireFormat.WireType.Fixed32);
            o.WriteFloat(score);
            o.WriteTag(3, WireFormat.WireType.Varint);
            o.WriteEnum(type);
        });

    private static Action<CodedOutputStream> TrainerSpec(UnigramModel model, UnigramTrainerOptions options) => o =>
    {
        o.WriteTag(3, WireFormat.WireType.Varint); o.WriteEnum(1); // model_type UNIGRAM
        o.WriteTag(4, WireFormat.WireType.Varint); o.WriteInt32(3 + 256 + model.Pieces.Count); // vocab_size (pieces in the model)
        o.WriteTag(10, WireFormat.WireType.Fixed32); o.WriteFloat((float)options.CharacterCoverage);
        o.WriteTag(15, WireFormat.WireType.Fixed32); o.WriteFloat((float)options.ShrinkingFactor);
        o.WriteTag(17, WireFormat.WireType.Varint); o.WriteInt32(options.SubIterations);
        o.WriteTag(20, WireFormat.WireType.Varint); o.WriteInt32(options.MaxPieceLength);
        o.WriteTag(21, WireFormat.WireType.Varint); o.WriteBool(false); // split_by_unicode_script
        o.WriteTag(22, WireFormat.WireType.Varint); o.WriteBool(true); // split_by_whitespace
        o.WriteTag(35, WireFormat.WireType.Varint); o.WriteBool(true); // byte_fallback
        o.WriteTag(40, WireFormat.WireType.Varint); o.WriteInt32(0); // unk_id
        o.WriteTag(41, WireFormat.WireType.Varint); o.WriteInt32(1); // bos_id
        o.WriteTag(42, WireFormat.WireType.Varint); o.WriteInt32(2); // eos_id
        o.WriteTag(43, WireFormat.WireType.Varint); o.WriteInt32(-1); // pad_id: <pad> lives outside the model, as in XLM-R
        o.WriteTag(45, WireFormat.WireType.LengthDelimited); o.WriteString("<unk>");
        o.WriteTag(46, WireFormat.WireType.LengthDelimited); o.WriteString("<s>");
        o.WriteTag(47, WireFormat.WireType.LengthDelimited); o.WriteString("</s>");
        o.WriteTag(48, WireFormat.WireType.LengthDelimited); o.WriteString("<pad>");
    };

    // No precompiled charsmap: callers normalise with TextNormalizer (NFKC) before encoding.
    private static Action<CodedOutputStream> NormalizerSpec() => o =>
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("identity");
        o.WriteTag(3, WireFormat.WireType.Varint); o.WriteBool(true); // add_dummy_prefix
        o.WriteTag(4, WireFormat.WireType.Varint); o.WriteBool(true); // remove_extra_whitespaces
        o.WriteTag(5, WireFormat.WireType.Varint); o.WriteBool(true); // escape_whitespaces
    };

    private static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> body)
    {
        using var inner = new MemoryStream();
        using (var o = new CodedOutputStream(inner, leaveOpen: true))
        {
            body(o);
        }

        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(inner.ToArray()));
    }
}
