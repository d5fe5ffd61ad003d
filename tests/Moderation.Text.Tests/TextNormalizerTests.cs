namespace Moderation.Text.Tests;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("ｆｕｌｌ　ｗｉｄｔｈ", "full width")]
    [InlineData("tele\u200Bgr\u200Dam\uFEFF", "telegram")]
    [InlineData("  many \t spaces\nand\r\nlines  ", "many spaces and lines")]
    [InlineData("bell\u0007 char", "bell char")]
    [InlineData("@someone you are wrong", "@USER you are wrong")]
    [InlineData("RT @a_b: see https://t.co/xyz now", "RT @USER: see URL now")]
    [InlineData("visit www.example.com/path?x=1", "visit URL")]
    [InlineData("mail me at joe@mail.com", "mail me at joe@mail.com")]
    [InlineData("@USER @USER URL", "@USER @USER URL")]
    public void Normalizes(string raw, string expected) => Assert.Equal(expected, TextNormalizer.Normalize(raw));

    [Theory]
    [InlineData("Ｃａｆé @x https://a.b \u200B x")]
    [InlineData("ﾊﾝｶｸ カタカナ ①②")]
    public void Is_idempotent(string raw)
    {
        var once = TextNormalizer.Normalize(raw);
        Assert.Equal(once, TextNormalizer.Normalize(once));
    }
}
