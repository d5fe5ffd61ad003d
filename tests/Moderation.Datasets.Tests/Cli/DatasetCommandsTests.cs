using System.CommandLine;
using Moderation.Datasets.Cli;
using Moderation.Datasets.Tests.Building;
using Moderation.Text;

namespace Moderation.Datasets.Tests.Cli;

[Collection(nameof(ConsoleCollection))]
public class DatasetCommandsTests
{
    private static async Task<(int Code, string Error)> Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var command in DatasetCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            return (await root.Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken), error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    [Fact]
    public async Task Data_build_then_tokenizer_train_through_the_cli()
    {
        var root = TestPaths.TempDirectory();
        var sources = CorpusBuilderTests.Sources(root);
        var corpus = Path.Combine(root, "corpus");

        var (code, error) = await Run("data", "build", "--out", corpus, "--sources", sources.FilePath!);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.True(File.Exists(Path.Combine(corpus, "manifest.json")));

        var model = Path.Combine(root, "tok", "model.spm");
        (code, error) = await Run("tokenizer", "train", "--corpus", corpus, "--vocab-size", "600", "--out", model);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.InRange(XlmrTokenizer.Load(model).VocabularySize, 300, 600);
    }

    [Fact]
    public async Task Bad_input_gives_one_line_on_stderr_and_a_non_zero_exit_code()
    {
        var root = TestPaths.TempDirectory();
        var (code, error) = await Run("data", "build", "--out", Path.Combine(root, "x"), "--sources", Path.Combine(root, "missing.json"));
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));

        (code, error) = await Run("tokenizer", "train", "--corpus", root, "--out", Path.Combine(root, "m.spm"));
        Assert.Equal(1, code);
        Assert.Contains("no train split", error, StringComparison.Ordinal);

        (code, _) = await Run("data", "build");
        Assert.NotEqual(0, code);
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
