namespace Marketplace.Tests.Security;

/// <summary>
/// One row of the authorisation matrix: an endpoint as the app maps it (method and route pattern), the
/// world its call needs, the request (built per identity: a register call needs its own e-mail), and the
/// status each identity must get.
/// </summary>
public sealed record EndpointAccess(
    string Method,
    string Route,
    WorldNeeds Needs,
    Func<AccessWorld, Identity, HttpRequestMessage> Request,
    Expect Expect)
{
    public string Key => $"{Method} {Route}";

    public override string ToString() => Key;
}
