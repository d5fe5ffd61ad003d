using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;
using static TorchSharp.torch;

namespace Moderation.Training.Checkpoints;

/// <summary>
/// Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header
/// mapping each tensor name to <c>dtype</c>, <c>shape</c> and <c>data_offsets</c> (relative to the data
/// section), an optional <c>__metadata__</c> string map, then raw little-endian data. Reads F32, F16,
/// BF16 (as float32), I64 and I32; writes F32 and I64.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    private const long MaxHeaderBytes = 100L * 1024 * 1024;
    private readonly SafeFileHandle handle;
    private readonly long dataStart;
    private readonly Dictionary<string, SafetensorsEntry> entries;

    private SafetensorsFile(string path, SafeFileHandle handle, long dataStart, Dictionary<string, SafetensorsEntry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        this.handle = handle;
        this.dataStart = dataStart;
        this.entries = entries;
        Metadata = metadata;
    }

    public string Path { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }
    public IReadOnlyCollection<string> Names => entries.Keys;
    public IReadOnlyDictionary<string, SafetensorsEntry> Entries => entries;

    public static SafetensorsFile Open(string path)
    {
        Native.TorchNativeLoader.EnsureLoaded();
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"safetensors file not found: {path}", path);
        }

        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            var length = RandomAccess.GetLength(handle);
            Span<byte> prefix = stackalloc byte[8];
            if (length < 8 || RandomAccess.Read(handle, prefix, 0) != 8)
            {
                throw Invalid(path, "file is shorter than the 8-byte header length");
            }

            var headerLength = BinaryPrimitives.ReadInt64LittleEndian(prefix);
            if (headerLength <= 0 || headerLength > MaxHeaderBytes || 8 + headerLength > length)
            {
                throw Invalid(path, $"header length {headerLength} does not fit the file ({length} bytes)");
            }

            var header = new byte[headerLength];
            RandomAccess.Read(handle, header, 8);
            var (entries, metadata) = ParseHeader(path, header, length - 8 - headerLength);
            return new SafetensorsFile(path, handle, 8 + headerLength, entries, metadata);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Copies the named tensors into a module's state in place (onto the state's device and type); every shape is
    /// checked first, so a mismatch copies nothing.
    /// </summary>
    public void CopyInto(IReadOnlyDictionary<string, Tensor> state, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(state);
        var list = names.ToArray();
        var missing = list.Where(n => !entries.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"{Path} lacks {missing.Length} tensors, e.g. {string.Join(", ", missing.Take(3))}");
        }

        var bad = list.Where(n => !entries[n].Shape.SequenceEqual(state[n].shape)).ToArray();
        if (bad.Length > 0)
        {
            var first = bad[0];
            throw new InvalidDataException($"{Path}: shape mismatch for {bad.Length} tensors, e.g. '{first}' is [{string.Join(", ", entries[first].Shape)}] in the file but [{string.Join(", ", state[first].shape)}] in the model");
        }

        using (no_grad())
        {
            foreach (var name in list)
            {
                using var value = Read(name);
                state[name].copy_(value);
            }
        }
    }

    /// <summary>Reads one tensor onto the CPU; F16 and BF16 are widened to float32.</summary>
    public Tensor Read(string name)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            throw new KeyNotFoundException($"{Path} has no tensor '{name}'");
        }

        var bytes = new byte[entry.End - entry.Begin];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = RandomAccess.Read(handle, bytes.AsSpan(read), dataStart + entry.Begin + read);
            if (n <= 0)
            {
                throw Invalid(Path, $"tensor '{name}' is truncated");
            }

            read += n;
        }

        return entry.DType switch
        {
            "F32" => tensor(MemoryMarshal.Cast<byte, float>(bytes).ToArray(), entry.Shape),
            "F16" => tensor(MemoryMarshal.Cast<byte, Half>(bytes).ToArray().Select(h => (float)h).ToArray(), entry.Shape),
            "BF16" => tensor(MemoryMarshal.Cast<byte, ushort>(bytes).ToArray().Select(b => BitConverter.Int32BitsToSingle(b << 16)).ToArray(), entry.Shape),
            "I64" => tensor(MemoryMarshal.Cast<byte, long>(bytes).ToArray(), entry.Shape),
            "I32" => tensor(MemoryMarshal.Cast<byte, int>(bytes).ToArray(), entry.Shape),
            _ => throw new NotSupportedException($"{Path}: tensor '{name}' has dtype {entry.DType}; supported: F32, F16, BF16, I64, I32"),
        };
    }

    /// <summary>Writes <paramref name="tensors"/> (float32 or int64, any device) atomically: a temporary file, then a rename.</summary>
    public static void Save(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("safetensors writing assumes a little-endian machine");
        }

        var blobs = new List<(string Name, string DType, long[] Shape, byte[] Data)>();
        foreach (var (name, value) in tensors)
        {
            using var cpu = value.detach().cpu().contiguous();
            var (dtype, data) = cpu.dtype switch
            {
                ScalarType.Float32 => ("F32", MemoryMarshal.AsBytes(cpu.data<float>().ToArray().AsSpan()).ToArray()),
                ScalarType.Int64 => ("I64", MemoryMarshal.AsBytes(cpu.data<long>().ToArray().AsSpan()).ToArray()),
                _ => throw new NotSupportedException($"cannot save tensor '{name}' of dtype {cpu.dtype}: only float32 and int64"),
            };
            blobs.Add((name, dtype, cpu.shape, data));
        }

        var header = new JsonObject();
        if (metadata is { Count: > 0 })
        {
            var meta = new JsonObject();
            foreach (var (key, value) in metadata)
            {
                meta[key] = value;
            }

            header["__metadata__"] = meta;
        }

        long offset = 0;
        foreach (var blob in blobs)
        {
            header[blob.Name] = new JsonObject
            {
                ["dtype"] = blob.DType,
                ["shape"] = new JsonArray(blob.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + blob.Data.Length),
            };
            offset += blob.Data.Length;
        }

        var headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (headerBytes.Length + 7) / 8 * 8; // align the data section to 8 bytes
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            Span<byte> prefix = stackalloc byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(prefix, padded);
            stream.Write(prefix);
            stream.Write(headerBytes);
            for (var i = headerBytes.Length; i < padded; i++)
            {
                stream.WriteByte((byte)' ');
            }

            foreach (var blob in blobs)
            {
                stream.Write(blob.Data);
            }
        }

        File.Move(temp, full, overwrite: true);
    }

    public void Dispose() => handle.Dispose();

    private static (Dictionary<string, SafetensorsEntry>, IReadOnlyDictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(header)?.AsObject() ?? throw Invalid(path, "header is not a JSON object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Invalid(path, "header is not valid JSON: " + e.Message);
        }

        var entries = new Dictionary<string, SafetensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, node) in root)
        {
            if (name == "__metadata__")
            {
                foreach (var (key, value) in node?.AsObject() ?? [])
                {
                    metadata[key] = value?.GetValue<string>() ?? string.Empty;
                }

                continue;
            }

            try
            {
                var dtype = node!["dtype"]!.GetValue<string>();
                var shape = node["shape"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var offsets = node["data_offsets"]!.AsArray().Select(d => d!.GetValue<long>()).ToArray();
                var entry = new SafetensorsEntry(dtype, shape, offsets[0], offsets[1]);
                var elementSize = dtype switch { "F32" or "I32" => 4, "F16" or "BF16" => 2, "I64" or "F64" => 8, "BOOL" or "U8" or "I8" => 1, _ => 0 };
                if (offsets.Length != 2 || entry.Begin < 0 || entry.End < entry.Begin || entry.End > dataLength
                    || (elementSize > 0 && entry.End - entry.Begin != shape.Aggregate(1L, (a, b) => a * b) * elementSize))
                {
                    throw Invalid(path, $"tensor '{name}' has data_offsets [{string.Join(", ", offsets)}] inconsistent with its shape or the file");
                }

                entries[name] = entry;
            }
            catch (Exception e) when (e is NullReferenceException or InvalidOperationException or FormatException or IndexOutOfRangeException)
            {
                throw Invalid(path, $"tensor '{name}' has a malformed header entry");
            }
        }

        return (entries, metadata);
    }

    private static InvalidDataException Invalid(string path, string why) => new($"{path} is not a valid safetensors file: {why}");
}

/// <summary>One header entry: dtype name, shape, byte range within the data section.</summary>
public sealed record SafetensorsEntry(string DType, long[] Shape, long Begin, long End);
