using System.Text;

namespace Marketplace.Tests.Redis;

/// <summary>
/// A key's Redis Cluster slot as the cluster computes it: CRC16 (XMODEM) of the key's hash tag (the text between the
/// first '{' and the next '}', when not empty) or of the whole key, modulo 16,384. A standalone server reports no slot,
/// so the tests compute it themselves.
/// </summary>
internal static class ClusterSlot
{
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1)
            {
                bytes = bytes[(open + 1)..close];
            }
        }

        return Crc16(bytes) & 16383;
    }

    private static int Crc16(ReadOnlySpan<byte> bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }

        return crc & 0xFFFF;
    }
}
