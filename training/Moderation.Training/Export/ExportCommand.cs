using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Moderation.Bundles;
using Moderation.Training.Training;
using Spectre.Console;

namespace Moderation.Training.Export;

/// <summary><c>moderation export --run RUN_DIR --out BUNDLE_DIR [--opset N]</c>.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var run = new Option<string>("--run") { Description = "Run directory written by `moderation train`", Required = true };
        var output = new Option<string>("--out") { Description = "Bundle directory to create (must be new or empty)", Required = true };
        var opset = new Option<int>("--opset") { Description = $"ONNX operator set ({OnnxExporter.MinOpset}–{OnnxExporter.MaxOpset})", DefaultValueFactory = _ => OnnxExporter.DefaultOpset };
        var command = new Command("export", "Export a trained run as a model bundle: model.onnx (LoRA merged), tokenizer, labels with thresholds, manifest") { run, output, opset };
        command.SetAction(async (parse, _) =>
        {
            try
            {
                var clock = Stopwatch.StartNew();
                var status = RunDirectory.Open(parse.GetValue(run)!).Status;
                if (status is not null && status != "FINISHED")
                {
                    AnsiConsole.MarkupLine($"[yellow]the run's status is {Markup.Escape(status)}: exporting its best model so far[/]");
                }

                ModelBundle? bundle = null;
                AnsiConsole.Status().Start("exporting", ctx =>
                {
                    bundle = BundleExporter.Export(parse.GetValue(run)!, parse.GetValue(output)!, parse.GetValue(opset), message => Report(ctx, message));
                });
                var size = new FileInfo(bundle!.ModelPath).Length;
                AnsiConsole.MarkupLine(CultureInfo.InvariantCulture,
                    $"wrote bundle [green]{Markup.Escape(bundle.Version)}[/] to {Markup.Escape(bundle.Directory)}: model.onnx {size / 1048576.0:F1} MiB, " +
                    $"{bundle.Labels.Families.Count} families, {bundle.Labels.Categories.Count} categories, max {bundle.Labels.MaxTokens} tokens, {clock.Elapsed.TotalSeconds:F1} s");
                return 0;
            }
            catch (Exception e) when (e is RunDirectoryException or InvalidBundleException or Native.TorchNativeException or IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException or NotSupportedException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message.ReplaceLineEndings(" "));
                return 1;
            }
        });
        return command;
    }

    // A spinner line for the current step on a terminal, and a log line per step everywhere.
    private static void Report(StatusContext ctx, string message)
    {
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            ctx.Status(Markup.Escape(message));
        }

        AnsiConsole.MarkupLine("[grey]" + Markup.Escape(message) + "[/]");
    }
}
