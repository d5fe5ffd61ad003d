namespace Marketplace.Web;

/// <summary>Where the front-end listens when nothing says otherwise (<c>--urls</c> moves it).</summary>
public static class WebDefaults
{
    public const string Url = "http://127.0.0.1:5060";
}
