using System.Text.Json.Nodes;
using Moderation.Training.Checkpoints;
using Moderation.Training.Model;
using Moderation.Training.Training;

namespace Moderation.Training.Tests.Model;

/// <summary>
/// The model config's JSON uses Hugging Face's names for the XLM-R fields; configs, checkpoints and train options
/// written with the earlier names still read into the same config.
/// </summary>
public sealed class ConfigNamesTests : IDisposable
{
    private static readonly (string Legacy, string Current)[] Renamed =
    [
        ("num_layers", "num_hidden_layers"),
        ("num_heads", "num_attention_heads"),
        ("max_positions", "max_position_embeddings"),
        ("hidden_dropout", "hidden_dropout_prob"),
        ("attention_dropout", "attention_probs_dropout_prob"),
    ];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "config-names-" + Guid.NewGuid().ToString("N"));

    public ConfigNamesTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_config_is_written_with_the_hugging_face_names_only()
    {
        var json = JsonNode.Parse(TestModels.Tiny(dropout: 0.2).ToJson())!.AsObject();
        Assert.Equal(2, json["num_hidden_layers"]!.GetValue<int>());
        Assert.Equal(4, json["num_attention_heads"]!.GetValue<int>());
        Assert.Equal(34, json["max_position_embeddings"]!.GetValue<int>());
        Assert.Equal(0.2, json["hidden_dropout_prob"]!.GetValue<double>());
        Assert.Equal(0.2, json["attention_probs_dropout_prob"]!.GetValue<double>());
        foreach (var name in new[] { "vocab_size", "hidden_size", "intermediate_size", "type_vocab_size", "layer_norm_eps", "pad_token_id" })
        {
            Assert.True(json.ContainsKey(name), name);
        }

        Assert.All(Renamed, r => Assert.False(json.ContainsKey(r.Legacy), r.Legacy));
    }

    [Fact]
    public void A_config_written_with_the_old_names_reads_into_the_same_config()
    {
        var config = TestModels.Tiny(dropout: 0.2) with { NumLayers = 3, NumHeads = 8, MaxPositions = 66, AttentionDropout = 0.3 };
        Assert.Equal(config, XlmrConfig.FromJson(Legacy(config)));
    }

    [Fact]
    public void When_a_config_holds_both_names_the_hugging_face_name_wins()
    {
        var json = JsonNode.Parse(TestModels.Tiny().ToJson())!.AsObject();
        json["num_layers"] = 7;
        Assert.Equal(2, XlmrConfig.FromJson(json.ToJsonString()).NumLayers);
    }

    [Fact]
    public void A_checkpoint_saved_with_the_old_names_loads()
    {
        var config = TestModels.Tiny(dropout: 0.2) with { NumLayers = 3 };
        var path = Path.Combine(_directory, "old.safetensors");
        using (var model = TestModels.Build(config))
        {
            SafetensorsFile.Save(path, model.state_dict(), new Dictionary<string, string> { ["moderation.config"] = Legacy(config) });
        }

        using var loaded = ModerationModel.Load(path);
        Assert.Equal(config, loaded.Config);
    }

    [Fact]
    public void Train_options_whose_model_override_has_the_old_names_read_back()
    {
        var config = TestModels.Tiny() with { NumLayers = 3, MaxPositions = 66 };
        var options = JsonNode.Parse(new TrainOptions { Corpus = "corpus", Out = "out", ModelOverride = config }.ToJson())!.AsObject();
        options["model_override"] = JsonNode.Parse(Legacy(config));
        Assert.Equal(config, TrainOptions.FromJson(options.ToJsonString()).ModelOverride);
    }

    /// <summary>The config as written before the rename.</summary>
    private static string Legacy(XlmrConfig config)
    {
        var json = JsonNode.Parse(config.ToJson())!.AsObject();
        foreach (var (legacy, current) in Renamed)
        {
            var value = json[current]!.DeepClone();
            json.Remove(current);
            json[legacy] = value;
        }

        return json.ToJsonString();
    }
}
