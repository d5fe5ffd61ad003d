using System.CommandLine;
using System.Globalization;
using Marketplace.Api.Infrastructure.Moderation;
using Marketplace.Api.Infrastructure.Problems;
using Moderation.Contracts;
using Spectre.Console;

namespace Marketplace.Api.Features.Reviews;

/// <summary>
/// <c>dotnet Marketplace.Api.dll remoderate [--status PUBLISHED,HELD] [--limit N] [--dry-run]</c>: re-scores
/// stored reviews with the bundle inference serves now (<see cref="ReviewRemoderation"/>), with a progress bar,
/// and prints the report as tables. Errors are one line on stderr and a non-zero exit code.
/// </summary>
public sealed class RemoderateCommand
{
    public const string Verb = "remoderate";

    private RemoderateCommand(IReadOnlyList<string> statuses, int limit, bool dryRun, string[] hostArgs)
    {
        Statuses = statuses;
        Limit = limit;
        DryRun = dryRun;
        HostArgs = hostArgs;
    }

    public IReadOnlyList<string> Statuses { get; }

    public int Limit { get; }

    public bool DryRun { get; }

    /// <summary>Arguments the verb does not know, left to the host's configuration (e.g. <c>--ConnectionStrings:Postgres=...</c>).</summary>
    public string[] HostArgs { get; }

    /// <summary>The verb's options after <c>remoderate</c>; null (and one line on <paramref name="error"/>) when they are invalid.</summary>
    public static RemoderateCommand? Parse(string[] args, TextWriter error)
    {
        var status = new Option<string>("--status") { Description = "Comma-separated statuses to re-score (PUBLISHED, HELD, REJECTED)." };
        var limit = new Option<int?>("--limit") { Description = "At most this many reviews, oldest first." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only report; change nothing." };
        var command = new RootCommand("Re-score stored reviews with the model inference serves now.") { status, limit, dryRun };
        command.TreatUnmatchedTokensAsErrors = false;
        var parsed = command.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"{Verb}: {parsed.Errors[0].Message}");
            return null;
        }

        var errors = new ValidationErrors();
        var statuses = parsed.GetValue(status)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (RemoderationValidation.Validate(statuses, parsed.GetValue(limit), errors) is not { } valid)
        {
            error.WriteLine($"{Verb}: {string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value))}");
            return null;
        }

        return new RemoderateCommand(valid.Statuses, valid.Limit, parsed.GetValue(dryRun), [.. parsed.UnmatchedTokens]);
    }

    /// <summary>Runs against the built (not started) host's services; returns the exit code.</summary>
    public async Task<int> RunAsync(IServiceProvider services, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        if (!services.GetRequiredService<ModerationEndpoint>().Configured)
        {
            error.WriteLine($"{Verb}: no inference service is configured (set {ModerationSetup.BaseUrlKey}).");
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        var remoderation = scope.ServiceProvider.GetRequiredService<ReviewRemoderation>();
        RemoderationReport report;
        try
        {
            report = await console.Progress().StartAsync(async context =>
            {
                var task = context.AddTask(DryRun ? "Scoring (dry run)" : "Re-moderating");
                return await remoderation.RunAsync(Statuses, Limit, DryRun, (done, total) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                }, cancellationToken);
            });
        }
        catch (ModerationUnavailableException e)
        {
            error.WriteLine($"{Verb}: inference unavailable: {e.Message}");
            return 1;
        }

        Render(console, report);
        return 0;
    }

    private static void Render(IAnsiConsole console, RemoderationReport report)
    {
        var summary = new Table().Title(report.DryRun ? "Re-moderation (dry run: nothing changed)" : "Re-moderation")
            .AddColumn("").AddColumn(new TableColumn("Reviews").RightAligned());
        summary.AddRow("Statuses", string.Join(", ", report.Statuses));
        summary.AddRow("Scored", Number(report.Scored));
        summary.AddRow("Refused by the service", Number(report.Refused));
        summary.AddRow("Action unchanged", Number(report.Unchanged));
        summary.AddRow("Pulled back PUBLISHED → HELD", Number(report.PulledBack));
        summary.AddRow("HELD, new model would decide", Number(report.Held.Count));
        console.Write(summary);

        var changes = new Table().Title("Action changed").AddColumn("From").AddColumn("To").AddColumn(new TableColumn("Reviews").RightAligned());
        foreach (var change in report.Changes)
        {
            changes.AddRow(change.From, change.To, Number(change.Count));
        }

        console.Write(changes);
        var versions = new Table().Title("Model version").AddColumn("Old").AddColumn("New").AddColumn(new TableColumn("Reviews").RightAligned());
        foreach (var version in report.ModelVersions)
        {
            versions.AddRow(Markup.Escape(version.From), Markup.Escape(version.To), Number(version.Count));
        }

        console.Write(versions);
        if (report.Held.Count > 0)
        {
            var held = new Table().Title("HELD reviews the new model would decide (left for their admin)").AddColumn("Review").AddColumn("New action");
            foreach (var review in report.Held)
            {
                held.AddRow(review.ReviewId.ToString(), review.Action);
            }

            console.Write(held);
        }
    }

    private static string Number(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
