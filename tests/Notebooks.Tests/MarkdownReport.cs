using System.Buffers.Binary;
using System.Text.RegularExpressions;

namespace Notebooks.Tests;

/// <summary>A notebook's Markdown report and checks on the PNG figures it links.</summary>
public sealed partial class MarkdownReport(string path)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public string Text { get; } = File.ReadAllText(path);

    public IReadOnlyList<string> Images => ImageLink().Matches(Text).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Every linked image exists beside the report, is a PNG (signature, IHDR size) and carries a real drawing.</summary>
    public void AssertImagesAreRealPngs()
    {
        Assert.NotEmpty(Images);
        var folder = Path.GetDirectoryName(path)!;
        foreach (var image in Images)
        {
            var file = Path.Combine(folder, image);
            Assert.True(File.Exists(file), $"{image} is linked but missing");
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(PngSignature), $"{image} lacks the PNG signature");
            Assert.True(bytes.Length > 5_000, $"{image} is only {bytes.Length} bytes");
            var width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
            var height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
            Assert.True(width >= 300 && height >= 300, $"{image} is {width}×{height}");
        }
    }

    [GeneratedRegex(@"!\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex ImageLink();
}
