using Moderation.Training.Cli;
using Moderation.Training.Tests.Training;

namespace Moderation.Training.Tests.Pretraining;

/// <summary>Bad input to `moderation pretrain` gives one `error:` line and a non-zero exit, and writes no model.</summary>
public sealed class PretrainCommandTests
{
    [Theory]
    [InlineData("missing-corpus", "corpus directory")]
    [InlineData("bad-mask-rate", "--mask-rate must be between 0 and 1")]
    [InlineData("bad-preset", "preset 'huge'")]
    [InlineData("missing-tokenizer", "tokenizer")]
    [InlineData("zero-steps", "--max-steps must be positive")]
    [InlineData("no-corpus", "--corpus is required")]
    [InlineData("resume-nothing", "is not a pretraining run")]
    [InlineData("missing-base-model", "the output of `moderation pretrain`")]
    public void Bad_input_exits_non_zero_with_one_line(string kind, string expected)
    {
        var root = FixtureCorpus.NewRoot();
        var output = Path.Combine(root, "pretrained");
        string[] args = kind switch
        {
            "missing-corpus" => ["pretrain", "--corpus", Path.Combine(root, "none"), "--out", output],
            "bad-mask-rate" => ["pretrain", "--corpus", FixtureCorpus.Directory, "--out", output, "--mask-rate", "1.5"],
            "bad-preset" => ["pretrain", "--corpus", FixtureCorpus.Directory, "--out", output, "--preset", "huge"],
            "missing-tokenizer" => ["pretrain", "--corpus", FixtureCorpus.Directory, "--out", output, "--tokenizer", Path.Combine(root, "none.model")],
            "no-corpus" => ["pretrain", "--out", output],
            "resume-nothing" => ["pretrain", "--resume", "--out", root],
            "missing-base-model" => ["pretrain", "--corpus", FixtureCorpus.Directory, "--out", output, "--base-model", Path.Combine(root, "none")],
            _ => ["pretrain", "--corpus", FixtureCorpus.Directory, "--out", output, "--max-steps", "0"],
        };
        var (code, error) = CliRun.Invoke([PretrainCommand.Create()], args);
        Assert.NotEqual(0, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"stderr should be one line, got: {error}");
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "model.safetensors")));
    }
}
