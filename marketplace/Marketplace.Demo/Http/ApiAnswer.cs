using System.Net;
using System.Text.Json;

namespace Marketplace.Demo.Http;

/// <summary>One HTTP answer: status, body, and the problem type's last segment when the body is problem details.</summary>
public sealed record ApiAnswer(string Method, string Path, HttpStatusCode Status, string Body, string? ProblemType)
{
    public int Code => (int)Status;

    public bool IsSuccess => Code is >= 200 and < 300;

    public T Read<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, Json.Options)
                ?? throw new DemoAbortedException($"{Describe()}: empty body where {typeof(T).Name} was expected");
        }
        catch (JsonException e)
        {
            throw new DemoAbortedException($"{Describe()}: body is not a {typeof(T).Name} ({e.Message})", e);
        }
    }

    /// <summary>The answer's body as <typeparamref name="T"/>, or the scenario stops naming the call and what came back.</summary>
    public T Expect<T>(params HttpStatusCode[] accepted)
    {
        EnsureStatus(accepted);
        return Read<T>();
    }

    public ApiAnswer EnsureStatus(params HttpStatusCode[] accepted)
    {
        if (accepted.Length == 0 ? !IsSuccess : !accepted.Contains(Status))
        {
            throw new DemoAbortedException(Describe());
        }

        return this;
    }

    /// <summary>Outcome name for tallies: "202", "409 sold-out", ...</summary>
    public string Outcome => ProblemType is null ? Code.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{Code} {ProblemType}";

    public string Describe()
    {
        var body = Body.Length > 300 ? Body[..300] + "..." : Body;
        return $"{Method} {Path} answered {Code}{(ProblemType is null ? "" : " " + ProblemType)}: {body.ReplaceLineEndings(" ")}";
    }
}
