using System.Net.Http.Json;

namespace Marketplace.Tests.Security;

/// <summary>Request builders the matrix and the fuzzer share.</summary>
public static class AccessRequests
{
    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage Delete(string path) => new(HttpMethod.Delete, path);

    public static HttpRequestMessage Post(string path, object? body = null) =>
        new(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };

    public static HttpRequestMessage Put(string path, object body) =>
        new(HttpMethod.Put, path) { Content = JsonContent.Create(body) };

    public static HttpRequestMessage Form(string path, IReadOnlyDictionary<string, string> fields) =>
        new(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
}
