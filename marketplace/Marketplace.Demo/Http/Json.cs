using System.Text.Json;

namespace Marketplace.Demo.Http;

/// <summary>The wire format of every service here: camelCase, numbers read as declared.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static JsonSerializerOptions Indented { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
