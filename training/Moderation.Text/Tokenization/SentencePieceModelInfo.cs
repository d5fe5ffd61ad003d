using Google.Protobuf;

namespace Moderation.Text;

/// <summary>
/// What the tokenizer layer reads from a SentencePiece `ModelProto` itself: the pieces with their types, and
/// whether byte fallback is on. <see cref="WithoutByteFallback"/> gives the same model with the flag cleared, so
/// Microsoft.ML.Tokenizers reports uncovered characters as &lt;unk&gt; and the layer substitutes the byte pieces.
/// </summary>
internal sealed class SentencePieceModelInfo
{
    public const int TypeByte = 6;

    public IReadOnlyList<(string Piece, int Type)> Pieces { get; }

    public bool ByteFallback { get; }

    /// <summary>SentencePiece id of &lt;0x00&gt;, or -1 when the model has no byte pieces.</summary>
    public int FirstByteId { get; }

    private SentencePieceModelInfo(List<(string, int)> pieces, bool byteFallback)
    {
        Pieces = pieces;
        ByteFallback = byteFallback;
        FirstByteId = pieces.FindIndex(p => p.Item2 == TypeByte && p.Item1 == "<0x00>");
    }

    public static SentencePieceModelInfo Parse(byte[] model)
    {
        var pieces = new List<(string, int)>();
        var byteFallback = false;
        var input = new CodedInputStream(model);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    pieces.Add(ParsePiece(input.ReadBytes()));
                    break;
                case 2:
                    byteFallback = ParseByteFallback(input.ReadBytes());
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return new SentencePieceModelInfo(pieces, byteFallback);
    }

    /// <summary>The model bytes with trainer_spec.byte_fallback (field 35) removed; other fields copied as they are.</summary>
    public static byte[] WithoutByteFallback(byte[] model)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            var input = new CodedInputStream(model);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == 2 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                {
                    output.WriteTag(tag);
                    output.WriteBytes(ByteString.CopyFrom(CopyWithout(input.ReadBytes().ToByteArray(), 35)));
                }
                else
                {
                    output.WriteTag(tag);
                    CopyField(input, output, tag);
                }
            }
        }

        return buffer.ToArray();
    }

    private static byte[] CopyWithout(byte[] message, int field)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            var input = new CodedInputStream(message);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == field)
                {
                    input.SkipLastField();
                    continue;
                }

                output.WriteTag(tag);
                CopyField(input, output, tag);
            }
        }

        return buffer.ToArray();
    }

    private static void CopyField(CodedInputStream input, CodedOutputStream output, uint tag)
    {
        switch (WireFormat.GetTagWireType(tag))
        {
            case WireFormat.WireType.Varint:
                output.WriteUInt64(input.ReadUInt64());
                break;
            case WireFormat.WireType.Fixed32:
                output.WriteFixed32(input.ReadFixed32());
                break;
            case WireFormat.WireType.Fixed64:
                output.WriteFixed64(input.ReadFixed64());
                break;
            case WireFormat.WireType.LengthDelimited:
                output.WriteBytes(input.ReadBytes());
                break;
            default:
                throw new InvalidDataException($"unsupported protobuf wire type in field {WireFormat.GetTagFieldNumber(tag)}");
        }
    }

    private static (string, int) ParsePiece(ByteString bytes)
    {
        var input = new CodedInputStream(bytes.ToByteArray());
        var piece = "";
        var type = 1;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    piece = input.ReadString();
                    break;
                case 3:
                    type = input.ReadEnum();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (piece, type);
    }

    private static bool ParseByteFallback(ByteString bytes)
    {
        var input = new CodedInputStream(bytes.ToByteArray());
        var value = false;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 35)
            {
                value = input.ReadBool();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return value;
    }
}
