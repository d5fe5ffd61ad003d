using System.Text;
using System.Text.RegularExpressions;

namespace Marketplace.Tests.Security;

/// <summary>
/// Makes a hostile request out of a valid one: its body (<see cref="JsonMutator"/>, or a damaged form), its
/// headers (content type, credentials, idempotency key, forwarding) and its path and query (ids that are not
/// ids, paging beyond any bound, encoded NUL, extra segments), one to three changes at a time.
/// </summary>
public static partial class RequestMutator
{
    // No encoded NUL in the path: Kestrel answers it 400 before the app, and the in-process server refuses to send it.
    private static readonly string[] PathJunk =
        ["not-a-guid", "00000000-0000-0000-0000-000000000000", "%01", new('9', 3000), "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE", "1%3BDROP%20TABLE%20orders", "%C3%28"];

    private static readonly string[] QueryJunk =
        ["page=2147483647", "page=-1", "page=0", "pageSize=2147483647", "pageSize=-5", "page=99999999999999999999", "page=abc",
         "status=%00", "q=" + new string('q', 5000), "sort=%27%3B--", "minPrice=1e400", "game=%00x", "limit=-1", "status=PUBLISHED,%00",
         "kind=%FF", "page=1&page=2", "cursor=" + Convert.ToBase64String(new byte[300])];

    private static readonly string[] ContentTypes =
        ["text/plain", "application/json; charset=utf-16", "application/x-www-form-urlencoded", "multipart/form-data", "application/xml", "application/json; charset=nonsense"];

    // {"alg":"none"}.{"sub":"00000000-0000-0000-0000-000000000001","role":"admin"}.
    private const string UnsignedAdminToken =
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEiLCJyb2xlIjoiYWRtaW4ifQ.";

    public static (HttpRequestMessage Request, string What) Mutate(
        HttpRequestMessage seed, string? token, IReadOnlyList<string> otherTokens, Random random)
    {
        var path = seed.RequestUri!.OriginalString;
        var contentType = seed.Content?.Headers.ContentType?.MediaType;
        var body = seed.Content is null ? null : seed.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        var headers = new List<(string Name, string Value)>();
        if (token is not null)
        {
            headers.Add(("Authorization", "Bearer " + token));
        }

        var what = new List<string>();
        var changes = random.Next(1, 4);
        for (var i = 0; i < changes; i++)
        {
            switch (random.Next(10))
            {
                case < 4 when body is not null:
                    (body, var bodyWhat) = contentType == "application/json"
                        ? JsonMutator.Mutate(Encoding.UTF8.GetString(body), random)
                        : MutateForm(body, random);
                    what.Add(bodyWhat);
                    break;
                case < 4:
                    body = Encoding.UTF8.GetBytes("{\"unexpected\":" + new string('[', 300) + new string(']', 300) + "}");
                    contentType = "application/json";
                    what.Add("body where none is expected");
                    break;
                case < 6:
                    path = MutatePath(path, random);
                    what.Add("path " + (path.Length > 80 ? path[..80] + "…" : path));
                    break;
                case 6:
                    contentType = random.Next(4) == 0 ? null : ContentTypes[random.Next(ContentTypes.Length)];
                    what.Add("content type " + (contentType ?? "none"));
                    break;
                case 7:
                    headers.RemoveAll(h => h.Name == "Authorization");
                    var credential = random.Next(6) switch
                    {
                        0 => null,
                        1 => "Bearer garbage",
                        2 => "Bearer " + UnsignedAdminToken,
                        3 => "Basic YWRtaW46YWRtaW4=",
                        4 => "Bearer " + new string('a', 16_000),
                        _ => otherTokens.Count == 0 ? null : "Bearer " + otherTokens[random.Next(otherTokens.Count)],
                    };
                    if (credential is not null)
                    {
                        headers.Add(("Authorization", credential));
                    }

                    what.Add("credentials " + (credential is null ? "none" : credential[..Math.Min(20, credential.Length)]));
                    break;
                default:
                    var (name, value) = random.Next(5) switch
                    {
                        0 => ("Idempotency-Key", new string('k', random.Next(1, 10_000))),
                        1 => ("Idempotency-Key", "../../\u00e9\u4e2d"),
                        2 => ("X-Forwarded-For", "999.999.1.1, ::1, junk"),
                        3 => ("Accept", "application/xml"),
                        _ => ("X-Surplus-" + random.Next(1000), new string('h', 8_000)),
                    };
                    headers.Add((name, value));
                    what.Add("header " + name);
                    break;
            }
        }

        var request = new HttpRequestMessage(seed.Method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return (request, $"{seed.Method} {seed.RequestUri}: {string.Join("; ", what)}");
    }

    private static string MutatePath(string path, Random random)
    {
        var (route, query) = path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? (path[..q], path[q..]) : (path, "");
        switch (random.Next(4))
        {
            case 0 when Ids().IsMatch(route):
                var junk = PathJunk[random.Next(PathJunk.Length)];
                return Ids().Replace(route, junk, 1) + query;
            case 1:
                return route + "/" + PathJunk[random.Next(PathJunk.Length)] + query;
            default:
                var extra = string.Join("&", Enumerable.Range(0, random.Next(1, 4)).Select(_ => QueryJunk[random.Next(QueryJunk.Length)]));
                return route + (query.Length == 0 ? "?" : query + "&") + extra;
        }
    }

    private static (byte[] Body, string What) MutateForm(byte[] body, Random random) => random.Next(4) switch
    {
        0 => ([.. body, .. "&sign=%00&total_amount=1e400&out_trade_no="u8, .. Encoding.UTF8.GetBytes(new string('9', 5000))], "form: hostile fields"),
        1 => ([.. body, (byte)'&', 0xC3, 0x28, (byte)'=', 0xFF], "form: not UTF-8"),
        2 => (Encoding.UTF8.GetBytes(string.Join("&", Enumerable.Range(0, 3000).Select(i => $"f{i}={i}"))), "form: 3000 fields"),
        _ => ("%%%=&&==%zz"u8.ToArray(), "form: bad escapes"),
    };

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex Ids();
}
