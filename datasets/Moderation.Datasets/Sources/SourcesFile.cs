using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Datasets.Sources;

/// <summary>The checked-in sources file: every source with its provenance and licence, and the build settings.</summary>
public sealed record SourcesFile
{
    /// <summary>Directory that relative paths resolve against, relative to the sources file itself.</summary>
    [JsonPropertyName("baseDirectory")] public string BaseDirectory { get; init; } = ".";
    [JsonPropertyName("npmCache")] public string NpmCache { get; init; } = ".cache/npm";
    [JsonPropertyName("npmRegistry")] public string NpmRegistry { get; init; } = "https://registry.npmjs.org";
    [JsonPropertyName("build")] public BuildSettings Build { get; init; } = new();
    [JsonPropertyName("npmPackages")] public IReadOnlyList<NpmPackageSpec> NpmPackages { get; init; } = [];
    [JsonPropertyName("sources")] public IReadOnlyList<SourceSpec> Sources { get; init; } = [];

    /// <summary>Absolute directory relative paths resolve against (set on load).</summary>
    [JsonIgnore] public string Root { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The path of the file this was loaded from (set on load).</summary>
    [JsonIgnore] public string? FilePath { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static SourcesFile Load(string path)
    {
        var full = Path.GetFullPath(path);
        SourcesFile file;
        try
        {
            file = JsonSerializer.Deserialize<SourcesFile>(File.ReadAllText(full), JsonOptions)
                ?? throw new BuildException($"{path}: empty sources file");
        }
        catch (JsonException e)
        {
            throw new BuildException($"{path}: {e.Message}");
        }

        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, file.BaseDirectory));
        var loaded = file with { Root = root, FilePath = full };
        loaded.Validate();
        return loaded;
    }

    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    public NpmPackageSpec Package(string name) =>
        NpmPackages.FirstOrDefault(p => p.Name == name)
        ?? throw new BuildException($"{FilePath}: npm package '{name}' is used by a source but not pinned in npmPackages");

    private void Validate()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var source in Sources)
        {
            if (string.IsNullOrWhiteSpace(source.Id) || !ids.Add(source.Id))
            {
                throw new BuildException($"{FilePath}: source id '{source.Id}' is empty or repeated");
            }

            if (source.Kind is not ("udhr" or "generator" or "table"))
            {
                throw new BuildException($"{FilePath}: source '{source.Id}' has unknown kind '{source.Kind}'");
            }
        }
    }
}

/// <summary>Build-wide settings; every one can be overridden per source where it makes sense.</summary>
public sealed record BuildSettings
{
    /// <summary>Most rows kept per source and language (a deterministic, label-balanced sample).</summary>
    [JsonPropertyName("capPerSourceLanguage")] public int CapPerSourceLanguage { get; init; } = 1500;
    /// <summary>
    /// Further rows per table source and language that go to the train split only, sampled the same way from
    /// what the cap left out and kept only when they near-duplicate no other row. Validation and test stay
    /// exactly what the cap alone gives, so models trained with and without them are judged on the same rows.
    /// </summary>
    [JsonPropertyName("trainOnlyPerSourceLanguage")] public int TrainOnlyPerSourceLanguage { get; init; }
    [JsonPropertyName("minChars")] public int MinChars { get; init; } = 4;
    [JsonPropertyName("maxChars")] public int MaxChars { get; init; } = 1000;
    /// <summary>Estimated Jaccard similarity of character 5-gram sets above which two rows are near-duplicates.</summary>
    [JsonPropertyName("nearDuplicateThreshold")] public double NearDuplicateThreshold { get; init; } = 0.8;
    [JsonPropertyName("validationPercent")] public int ValidationPercent { get; init; } = 10;
    [JsonPropertyName("testPercent")] public int TestPercent { get; init; } = 10;
}

/// <summary>A pinned npm package: version and the registry's sha512 integrity string.</summary>
public sealed record NpmPackageSpec
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("version")] public required string Version { get; init; }
    [JsonPropertyName("integrity")] public required string Integrity { get; init; }
    [JsonPropertyName("license")] public string? License { get; init; }
    [JsonPropertyName("provenance")] public string? Provenance { get; init; }
}

/// <summary>One source of rows. `kind` picks the adapter: udhr, generator or table (CSV/TSV/JSONL).</summary>
public sealed record SourceSpec
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("license")] public string? License { get; init; }
    [JsonPropertyName("provenance")] public string? Provenance { get; init; }
    /// <summary>Skip with a logged note (instead of failing) when the files are absent.</summary>
    [JsonPropertyName("optional")] public bool Optional { get; init; }
    [JsonPropertyName("cap")] public int? Cap { get; init; }

    // udhr / generator
    [JsonPropertyName("package")] public string? Package { get; init; }
    [JsonPropertyName("perLanguage")] public int? PerLanguage { get; init; }
    [JsonPropertyName("languages")] public IReadOnlyList<string>? Languages { get; init; }

    // table
    [JsonPropertyName("path")] public string? Path { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("header")] public bool Header { get; init; } = true;
    /// <summary>Honour double quotes (CSV); TSV corpora have stray quotes and are read without.</summary>
    [JsonPropertyName("quotes")] public bool? Quotes { get; init; }
    [JsonPropertyName("text")] public string? Text { get; init; }
    [JsonPropertyName("lang")] public string? Lang { get; init; }
    [JsonPropertyName("langColumn")] public string? LangColumn { get; init; }
    [JsonPropertyName("langMap")] public IReadOnlyDictionary<string, string>? LangMap { get; init; }
    [JsonPropertyName("labels")] public IReadOnlyList<LabelRule> Labels { get; init; } = [];
    [JsonPropertyName("fixedLabels")] public IReadOnlyList<string> FixedLabels { get; init; } = [];
    /// <summary>A token the file uses for line breaks (OffensEval Arabic: "&lt;LF&gt;").</summary>
    [JsonPropertyName("lineBreakToken")] public string? LineBreakToken { get; init; }
    [JsonPropertyName("htmlDecode")] public bool HtmlDecode { get; init; }
}

/// <summary>
/// Maps one label column to categories: either `map` (value → categories; a value not listed fails the build)
/// or `greaterThan` (numeric value above the threshold → `categories`).
/// </summary>
public sealed record LabelRule
{
    [JsonPropertyName("column")] public required string Column { get; init; }
    [JsonPropertyName("map")] public IReadOnlyDictionary<string, IReadOnlyList<string>>? Map { get; init; }
    [JsonPropertyName("greaterThan")] public double? GreaterThan { get; init; }
    [JsonPropertyName("categories")] public IReadOnlyList<string> Categories { get; init; } = [];
}
