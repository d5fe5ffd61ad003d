using System.Collections;
using System.Reflection;

namespace Marketplace.Tests.Deployment;

/// <summary>
/// The configuration keys a service reads: every property of its options types (a type with a <c>Section</c> or
/// <c>SectionName</c> constant, bound to that section), the connection strings it asks for, the keys ASP.NET Core
/// and OpenTelemetry read themselves, and the aliases it documents.
/// </summary>
public sealed class ServiceSettings(IEnumerable<Assembly> assemblies, IEnumerable<string> connectionStrings, IEnumerable<string>? aliases = null)
{
    private static readonly string[] FrameworkPrefixes = ["ASPNETCORE_", "DOTNET_", "OTEL_", "Logging:"];

    private readonly List<(string Section, Type Options)> _sections = [.. assemblies
        .SelectMany(a => a.GetTypes())
        .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static) ?? t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
        .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))];

    private readonly HashSet<string> _exact = new(
        connectionStrings.Select(c => "ConnectionStrings:" + c).Concat(aliases ?? []).Append("Urls"), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Sections => [.. _sections.Select(s => s.Section)];

    /// <summary>Why <paramref name="key"/> is not read, or null when it is.</summary>
    public string? Problem(string key)
    {
        if (_exact.Contains(key) || FrameworkPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var segments = key.Split(':');
        var match = _sections
            .Where(s => s.Section.Split(':') is var sectionSegments && sectionSegments.Length < segments.Length
                && sectionSegments.Zip(segments).All(p => string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(s => s.Section.Length)
            .FirstOrDefault();
        if (match.Options is null)
        {
            return $"{key}: no options type binds a section it starts with";
        }

        var rest = segments[match.Section.Split(':').Length..];
        var property = match.Options.GetProperty(rest[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite)
        {
            return $"{key}: {match.Options.Name} has no settable property {rest[0]}";
        }

        // Deeper keys need something to bind into: an object, an array or a dictionary.
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return rest.Length > 1 && (type.IsPrimitive || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Uri) || type.IsEnum)
            ? $"{key}: {match.Options.Name}.{property.Name} is a single value"
            : rest.Length > 1 && !typeof(IEnumerable).IsAssignableFrom(type) && !type.IsClass
                ? $"{key}: {match.Options.Name}.{property.Name} takes no nested keys"
                : null;
    }
}
