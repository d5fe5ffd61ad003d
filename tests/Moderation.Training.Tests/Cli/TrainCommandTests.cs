using System.Diagnostics;

namespace Moderation.Training.Tests.Cli;

/// <summary>Runs the built `moderation` CLI as a process: bad input gives one stderr line and a non-zero exit.</summary>
public sealed class TrainCommandTests
{
    [Theory]
    [InlineData("missing-corpus", "corpus directory")]
    [InlineData("bad-preset", "unknown preset 'huge'")]
    [InlineData("resume-nothing", "not a run directory")]
    [InlineData("bad-device", "unknown device 'tpu'")]
    [InlineData("ngram-size-without-ngrams", "need --char-ngrams")]
    [InlineData("zero-ngram-buckets", "--char-ngram-buckets and --char-ngram-dim must be ≥ 1")]
    public void Bad_input_exits_non_zero_with_one_line_on_stderr(string kind, string expected)
    {
        var root = Training.FixtureCorpus.NewRoot();
        Directory.CreateDirectory(root);
        var output = Path.Combine(root, "run");
        string[] args = kind switch
        {
            "missing-corpus" => ["train", "--corpus", Path.Combine(root, "no-such-corpus"), "--out", output],
            "bad-preset" => ["train", "--corpus", Training.FixtureCorpus.Directory, "--preset", "huge", "--out", output],
            "resume-nothing" => ["train", "--resume", "--out", root],
            "ngram-size-without-ngrams" => ["train", "--corpus", Training.FixtureCorpus.Directory, "--char-ngram-buckets", "1000", "--out", output],
            "zero-ngram-buckets" => ["train", "--corpus", Training.FixtureCorpus.Directory, "--char-ngrams", "--char-ngram-buckets", "0", "--out", output],
            _ => ["train", "--corpus", Training.FixtureCorpus.Directory, "--device", "tpu", "--out", output],
        };
        var (code, stdout, stderr) = Run(args);
        Assert.NotEqual(0, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"stderr should be one line, got: {stderr}\nstdout: {stdout}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "run.json")));
    }

    [Fact]
    public void A_checkpoint_with_unreadable_optimiser_state_ends_resume_with_one_line()
    {
        var root = Training.FixtureCorpus.NewRoot();
        var options = Training.FixtureCorpus.Options(root) with { CheckpointEvery = 6 };
        using (var cancel = new CancellationTokenSource())
        {
            Moderation.Training.Training.TrainingRun.Start(options, new Training.RecordingObserver(cancel, cancelAfterStep: 6), cancel.Token);
        }

        // A damaged optimiser state (a disk fault, a copy cut short) must not end --resume with a stack trace.
        var checkpoint = Moderation.Training.Training.TrainingCheckpoint.Latest(options.Out)!;
        File.WriteAllBytes(Path.Combine(checkpoint, "optimizer.bin"), [.. Enumerable.Range(0, 64).Select(i => (byte)(i * 7))]);
        var (code, stdout, stderr) = Run("train", "--resume", "--out", options.Out);

        Assert.NotEqual(0, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"stderr should be one line, got: {stderr}\nstdout: {stdout}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "moderation.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
