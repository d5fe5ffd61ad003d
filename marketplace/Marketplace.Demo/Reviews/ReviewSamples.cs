namespace Marketplace.Demo.Reviews;

/// <summary>
/// Buyer reviews written for this demo in 16 languages: ordinary ones (praise and fair complaints) beside
/// abusive ones, scams (pay outside the platform, phishing links), personal information and spam.
/// Families are the taxonomy's (datasets/Moderation.Datasets/Taxonomy/languages.tsv).
/// </summary>
public static class ReviewSamples
{
    public static IReadOnlyList<ReviewSample> All { get; } =
    [
        new("en", "germanic", ReviewIntent.Clean, 5, "Code arrived within a minute and worked on the first try. Great seller, would buy again."),
        new("en", "germanic", ReviewIntent.Clean, 3, "The account had the wrong region at first, but the seller sorted it out the same day. Three stars."),
        new("en", "germanic", ReviewIntent.Abuse, 1, "You are a pathetic idiot and a scumbag. Worst seller on this site, go to hell."),
        new("en", "germanic", ReviewIntent.Scam, 5, "Don't pay through the site. Send the money to my PayPal as friends and family and I'll give you double the gold, guaranteed."),
        new("en", "germanic", ReviewIntent.PersonalInfo, 3, "For a cheaper deal call me at +1 415 555 0132 or mail john.miller1987@gmail.com, I live at 42 Oak Street, Springfield."),
        new("de", "germanic", ReviewIntent.Clean, 4, "Schnelle Lieferung, der Schlüssel funktionierte sofort. Gerne wieder."),
        new("de", "germanic", ReviewIntent.Abuse, 1, "Du bist ein dummer Idiot und ein Betrüger, verpiss dich einfach."),
        new("de", "germanic", ReviewIntent.Spam, 5, "BILLIGES GOLD!!! Besuche www.super-billig-gold-4u.biz – 90% RABATT – jetzt kaufen, jetzt kaufen, jetzt kaufen!!!"),
        new("de", "germanic", ReviewIntent.Scam, 5, "Zahl nicht hier, überweise mir per Western Union, dann bekommst du den Account zum halben Preis."),
        new("ru", "slavic", ReviewIntent.Clean, 5, "Всё пришло моментально, ключ активировался без проблем. Спасибо продавцу!"),
        new("ru", "slavic", ReviewIntent.Abuse, 1, "Продавец — тупой урод и мразь, чтоб ты сдох со своими ключами."),
        new("ru", "slavic", ReviewIntent.Scam, 5, "Не платите через сайт! Переведите деньги мне на карту 4276 1300 1234 5678, отдам аккаунт дешевле."),
        new("ru", "slavic", ReviewIntent.PersonalInfo, 3, "Пишите мне напрямую: Иван Петров, телефон +7 916 123-45-67, паспорт 4510 123456."),
        new("pl", "slavic", ReviewIntent.Clean, 5, "Kod przyszedł od razu, wszystko działa. Polecam tego sprzedawcę!"),
        new("zh", "sino_tibetan", ReviewIntent.Clean, 5, "发货很快，兑换码马上就能用，卖家服务很好，推荐！"),
        new("zh", "sino_tibetan", ReviewIntent.Abuse, 1, "卖家就是个傻逼，垃圾东西，滚开！"),
        new("zh", "sino_tibetan", ReviewIntent.Scam, 5, "别在平台付款，加我微信 wx_gold888 私下转账，价格便宜一半，保证到账。"),
        new("zh", "sino_tibetan", ReviewIntent.PersonalInfo, 3, "有问题打我电话 13812345678，我叫王伟，住在北京市朝阳区建国路88号。"),
        new("es", "romance", ReviewIntent.Clean, 5, "Entrega inmediata y el código funcionó perfectamente. ¡Muy recomendable!"),
        new("es", "romance", ReviewIntent.Clean, 2, "El código tardó dos horas en llegar; al final funcionó, pero podría ser más rápido."),
        new("es", "romance", ReviewIntent.Abuse, 1, "Eres un imbécil de mierda, vendedor estafador, vete a la mierda."),
        new("es", "romance", ReviewIntent.Scam, 5, "Haz clic en bit.ly/regalo-oro-gratis e introduce tu usuario y contraseña para recibir 10.000 monedas gratis."),
        new("fr", "romance", ReviewIntent.Clean, 5, "Livraison rapide, compte fonctionnel, vendeur très sérieux. Merci !"),
        new("fr", "romance", ReviewIntent.Abuse, 1, "Espèce de connard, t'es qu'un sale escroc, va te faire foutre."),
        new("fr", "romance", ReviewIntent.PersonalInfo, 3, "Contactez-moi directement : Marie Dupont, 06 12 34 56 78, 15 rue de la Paix, 75002 Paris."),
        new("pt", "romance", ReviewIntent.Clean, 4, "Chegou rápido e o código funcionou de primeira. Recomendo o vendedor."),
        new("pt", "romance", ReviewIntent.Abuse, 1, "Vendedor filho da puta, seu idiota, nunca mais compro aqui."),
        new("pt", "romance", ReviewIntent.Spam, 5, "Ganhe dinheiro fácil em casa!!! Acesse www.ganhe-ja-agora.top e fature R$5.000 por semana!!!"),
        new("it", "romance", ReviewIntent.Clean, 5, "Consegna velocissima, codice funzionante. Consigliato!"),
        new("ar", "afroasiatic", ReviewIntent.Clean, 5, "وصل الكود فورًا ويعمل بشكل ممتاز، بائع محترم أنصح بالتعامل معه."),
        new("ar", "afroasiatic", ReviewIntent.Abuse, 1, "أنت غبي وحقير، أسوأ بائع على الإطلاق، اذهب إلى الجحيم."),
        new("ar", "afroasiatic", ReviewIntent.Scam, 5, "لا تدفع عبر الموقع، حوّل المبلغ إلى حسابي البنكي مباشرة وسأعطيك ضعف الرصيد."),
        new("hi", "indo_aryan", ReviewIntent.Clean, 5, "कोड तुरंत मिल गया और बिना किसी परेशानी के चल गया। बहुत बढ़िया विक्रेता!"),
        new("hi", "indo_aryan", ReviewIntent.Abuse, 1, "तू एकदम बेवकूफ और कमीना है, घटिया विक्रेता, भाड़ में जा।"),
        new("hi", "indo_aryan", ReviewIntent.PersonalInfo, 3, "सीधे संपर्क करें: राहुल शर्मा, मोबाइल 98765 43210, आधार नंबर 1234 5678 9012।"),
        new("ja", "japonic", ReviewIntent.Clean, 5, "すぐにコードが届き、問題なく使えました。また利用したいです。"),
        new("ja", "japonic", ReviewIntent.Abuse, 1, "お前は本当にバカで最低のクズだ、二度と売るな。"),
        new("ja", "japonic", ReviewIntent.Scam, 5, "サイトで払わずに、このリンク bit.ly/free-gems-jp にログインすれば無料でジェムがもらえます。"),
        new("ko", "koreanic", ReviewIntent.Clean, 5, "코드가 바로 왔고 문제없이 등록됐어요. 친절한 판매자입니다."),
        new("ko", "koreanic", ReviewIntent.Abuse, 1, "이 병신 같은 사기꾼아, 꺼져라 진짜."),
        new("ko", "koreanic", ReviewIntent.PersonalInfo, 3, "연락은 010-1234-5678 로 주세요. 김민수, 서울시 강남구 테헤란로 123."),
        new("tr", "turkic", ReviewIntent.Clean, 5, "Kod hemen geldi ve sorunsuz çalıştı. Satıcıya teşekkürler!"),
        new("tr", "turkic", ReviewIntent.Abuse, 1, "Salak herif, tam bir dolandırıcı pisliksin, defol git."),
        new("tr", "turkic", ReviewIntent.Scam, 5, "Siteden ödeme yapma, bana IBAN TR12 0006 2000 1234 0006 7890 12 üzerinden gönder, yarı fiyatına veririm."),
        new("vi", "austroasiatic", ReviewIntent.Clean, 5, "Mã đến ngay lập tức và dùng được luôn. Người bán rất uy tín!"),
        new("vi", "austroasiatic", ReviewIntent.Abuse, 1, "Đồ ngu, thằng lừa đảo khốn nạn, cút đi."),
        new("vi", "austroasiatic", ReviewIntent.Spam, 5, "KIẾM TIỀN TRIỆU MỖI NGÀY!!! Truy cập ngay kiemtiennhanh.vip để nhận thưởng!!!"),
        new("th", "kra_dai", ReviewIntent.Clean, 5, "ได้รับโค้ดทันทีและใช้งานได้เลย ผู้ขายบริการดีมาก"),
        new("th", "kra_dai", ReviewIntent.Abuse, 1, "ไอ้โง่ ไอ้สารเลว ขี้โกงชัดๆ ไปตายซะ"),
        new("th", "kra_dai", ReviewIntent.PersonalInfo, 3, "ติดต่อโดยตรงที่ 081-234-5678 คุณสมชาย ใจดี บ้านเลขที่ 99 ถนนสุขุมวิท กรุงเทพฯ"),
    ];
}
