using Moderation.Taxonomy;
using Moderation.Text;

namespace EndToEnd.Tests.Model;

/// <summary>
/// The reviews the tests post, in twelve languages, benign and inappropriate (abuse, scam, personal information).
/// The test model is trained on exactly these, so its verdicts follow the labels; the tests still compare each
/// review with what the service answers for its text, not with the label.
/// </summary>
public static class ReviewTexts
{
    public static readonly ReviewText EnglishPraise = new("en", 5, "Fast delivery, the code worked instantly. Great seller!");
    public static readonly ReviewText GermanPraise = new("de", 4, "Der Verkäufer war freundlich und der Account funktioniert einwandfrei.");
    public static readonly ReviewText FrenchPraise = new("fr", 5, "Très bon vendeur, livraison rapide, je recommande.");
    public static readonly ReviewText JapanesePraise = new("ja", 4, "対応が早くて助かりました。また買います。");
    public static readonly ReviewText ArabicPraise = new("ar", 5, "بائع ممتاز، التوصيل كان سريعا جدا");
    public static readonly ReviewText HindiPraise = new("hi", 3, "ठीक है, डिलीवरी थोड़ी देर से आई लेकिन कोड काम करता है");
    public static readonly ReviewText SpanishAbuse = new("es", 1, "Eres un idiota inútil, vendedor de basura, ojalá te mueras.", Categories.Abuse);
    public static readonly ReviewText KoreanAbuse = new("ko", 1, "이 멍청한 쓰레기 판매자야 꺼져", Categories.Abuse);
    public static readonly ReviewText RussianScam = new("ru", 2, "Переведи деньги напрямую на карту, отдам в два раза дешевле, без гарантии.", Categories.Scam);
    public static readonly ReviewText PortugueseScam = new("pt", 1, "Ganhe ouro grátis: clique em bit.ly/free-gold-now e envie sua senha.", Categories.Scam, Categories.Spam);
    public static readonly ReviewText ChinesePersonalInfo = new("zh", 3, "加我微信 wx_998877 或打电话 13812345678 私下交易", Categories.PersonalInfo, Categories.Scam);
    public static readonly ReviewText EnglishPersonalInfo = new("en", 4, "Call me at +1 555 0100 or mail john.doe@example.com, my address is 12 Elm Street.", Categories.PersonalInfo);

    public static IReadOnlyList<ReviewText> All { get; } =
    [
        EnglishPraise, GermanPraise, FrenchPraise, JapanesePraise, ArabicPraise, HindiPraise,
        SpanishAbuse, KoreanAbuse, RussianScam, PortugueseScam, ChinesePersonalInfo, EnglishPersonalInfo,
    ];
}
