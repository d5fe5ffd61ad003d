using System.Buffers.Binary;
using System.Text;

namespace Moderation.Training.Native;

/// <summary>
/// Edits one ELF64 little-endian shared object in place: marks a required symbol version
/// (a <c>Vernaux</c> entry of <c>.gnu.version_r</c>) weak, so glibc's loader accepts a libstdc++ that
/// lacks it. patchelf has no option for this, and the edit is a two-byte flag.
/// </summary>
internal static class ElfVersionPatcher
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    /// <returns>The number of entries changed (0 when the version is not required).</returns>
    public static int MarkVersionWeak(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file");
        }

        var shoff = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(0x28)));
        var shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
        var shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        var changed = 0;
        for (var s = 0; s < shnum; s++)
        {
            var sh = elf.AsSpan(shoff + (s * shentsize));
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(sh[24..]));
            var link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[40..]);
            var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[44..]);
            var strtab = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(elf.AsSpan(shoff + (link * shentsize) + 24)));

            var need = offset;
            for (var n = 0; n < count; n++)
            {
                var cnt = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(need + 2));
                var aux = need + (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(need + 8));
                for (var a = 0; a < cnt; a++)
                {
                    var nameOffset = (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(aux + 8));
                    if (ReadString(elf, strtab + nameOffset) == version)
                    {
                        var flags = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(aux + 4));
                        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(aux + 4), (ushort)(flags | VerFlgWeak));
                        changed++;
                    }

                    aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(aux + 12));
                }

                need += (int)BinaryPrimitives.ReadUInt32LittleEndian(elf.AsSpan(need + 12));
            }
        }

        File.WriteAllBytes(path, elf);
        return changed;
    }

    private static string ReadString(byte[] data, int start)
    {
        var end = Array.IndexOf(data, (byte)0, start);
        return Encoding.ASCII.GetString(data, start, end - start);
    }
}
