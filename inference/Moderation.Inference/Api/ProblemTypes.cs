namespace Moderation.Inference.Api;

/// <summary>Stable <c>type</c> URIs of the service's problem details (RFC 7807); clients branch on these.</summary>
public static class ProblemTypes
{
    public const string Base = "https://moderation.local/problems/inference/";

    public const string MalformedJson = Base + "malformed-json";
    public const string NoItems = Base + "no-items";
    public const string TooManyItems = Base + "too-many-items";
    /// <summary>Per item, in the results: the text is over the character limit (the other items are scored).</summary>
    public const string TextTooLong = Base + "text-too-long";
    public const string TooManyRows = Base + "too-many-rows";
    public const string MissingId = Base + "missing-id";
    public const string MissingText = Base + "missing-text";
    public const string DuplicateId = Base + "duplicate-id";
    public const string Overloaded = Base + "overloaded";
    public const string Timeout = Base + "timeout";
    public const string NotReady = Base + "not-ready";
    public const string Forbidden = Base + "forbidden";
    public const string BundleRefused = Base + "bundle-refused";
    public const string SwapInProgress = Base + "swap-in-progress";
}
