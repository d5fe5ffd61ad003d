using System.Text.Json;
using System.Text.Json.Serialization;

namespace Moderation.Training.Model;

/// <summary>
/// Shape and options of the moderation network: an XLM-R encoder (Hugging Face's
/// <c>XLMRobertaConfig</c> fields), the MoE feed-forward layers, optional LoRA and the two heads.
/// The label counts come from here so the network does not depend on the taxonomy type. In JSON the encoder fields
/// carry the names of Hugging Face's <c>config.json</c>; configs written with the older names still read
/// (<see cref="XlmrConfigJsonConverter"/>).
/// </summary>
public sealed record XlmrConfig
{
    public int VocabSize { get; init; } = 250_002;
    public int HiddenSize { get; init; } = 768;
    [JsonPropertyName("num_hidden_layers")]
    public int NumLayers { get; init; } = 12;
    [JsonPropertyName("num_attention_heads")]
    public int NumHeads { get; init; } = 12;
    public int IntermediateSize { get; init; } = 3072;
    /// <summary>Position table size; usable length is this minus padding index minus 1 (514 → 512 tokens).</summary>
    [JsonPropertyName("max_position_embeddings")]
    public int MaxPositions { get; init; } = 514;
    public int TypeVocabSize { get; init; } = 1;
    public int PadTokenId { get; init; } = 1;
    public double LayerNormEps { get; init; } = 1e-5;
    [JsonPropertyName("hidden_dropout_prob")]
    public double HiddenDropout { get; init; } = 0.1;
    [JsonPropertyName("attention_probs_dropout_prob")]
    public double AttentionDropout { get; init; } = 0.1;

    /// <summary>Number of language families (softmax head).</summary>
    public int NumFamilies { get; init; } = 8;
    /// <summary>Number of inappropriate-content categories (one sigmoid each).</summary>
    public int NumCategories { get; init; } = 5;

    /// <summary>What the category head pools; configs written before this field read as <see cref="CategoryPooling.Cls"/>.</summary>
    public CategoryPooling CategoryPooling { get; init; } = CategoryPooling.Cls;

    public MoeConfig Moe { get; init; } = new();
    /// <summary>Null: no adapters, every weight trains.</summary>
    public LoraConfig? Lora { get; init; }

    // Character n-gram branch: kept apart from the XLM-R fields (its own JSON block, "char_ngrams").
    /// <summary>Null (configs written before this field too): no n-gram branch.</summary>
    public CharNgramConfig? CharNgrams { get; init; }

    public int HeadDim => HiddenSize / NumHeads;

    /// <summary>Longest input (in tokens, including &lt;s&gt; and &lt;/s&gt;) the position table allows.</summary>
    public int MaxSequenceLength => MaxPositions - PadTokenId - 1;

    public static IReadOnlyList<string> PresetNames { get; } = ["xlmr-base", "small", "tiny"];

    /// <summary>
    /// <c>xlmr-base</c>: xlm-roberta-base's encoder. <c>small</c> and <c>tiny</c>: from-scratch CPU sizes
    /// (tiny ≈ 10k tokens/s training on 2 cores; 128 tokens + 2 positions).
    /// </summary>
    public static XlmrConfig Preset(string name, int? vocabSize = null) => name switch
    {
        "xlmr-base" => new XlmrConfig { VocabSize = vocabSize ?? 250_002 },
        "small" => new XlmrConfig
        {
            VocabSize = vocabSize ?? 16_000, HiddenSize = 256, NumLayers = 4, NumHeads = 4,
            IntermediateSize = 1024, MaxPositions = 258,
        },
        "tiny" => new XlmrConfig
        {
            VocabSize = vocabSize ?? 8_000, HiddenSize = 128, NumLayers = 2, NumHeads = 4,
            IntermediateSize = 512, MaxPositions = 130,
        },
        _ => throw new ArgumentException($"unknown model preset '{name}' (known: {string.Join(", ", PresetNames)})", nameof(name)),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent field.</summary>
    public void Validate()
    {
        Require(VocabSize > PadTokenId, "VocabSize must exceed PadTokenId");
        Require(HiddenSize > 0 && NumHeads > 0 && HiddenSize % NumHeads == 0, "HiddenSize must be a positive multiple of NumHeads");
        Require(NumLayers > 0, "NumLayers must be positive");
        Require(IntermediateSize > 0, "IntermediateSize must be positive");
        Require(MaxPositions > PadTokenId + 2, "MaxPositions must leave room for at least two tokens");
        Require(TypeVocabSize > 0, "TypeVocabSize must be positive");
        Require(NumFamilies > 0 && NumCategories > 0, "NumFamilies and NumCategories must be positive");
        Require(Enum.IsDefined(CategoryPooling), "CategoryPooling must be cls or mean-max");
        Require(HiddenDropout is >= 0 and < 1 && AttentionDropout is >= 0 and < 1, "dropout must be in [0, 1)");
        Moe.Validate();
        Lora?.Validate();
        CharNgrams?.Validate();
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static XlmrConfig FromJson(string json) =>
        JsonSerializer.Deserialize<XlmrConfig>(json, JsonOptions) ?? throw new InvalidDataException("empty model config");

    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new XlmrConfigJsonConverter() } };

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"invalid model config: {message}");
        }
    }
}
