using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Moderation.Bundles;
using Moderation.Text;
using Moderation.Training.Model;
using static TorchSharp.torch;

namespace Moderation.Training.Export;

/// <summary>
/// Export's self-check: the written graph under ONNX Runtime (CPU, graph optimisations on) against the TorchSharp
/// model in eval mode, on one padded batch of reviews in several scripts and lengths tokenised with the bundle's
/// tokenizer. A bundle whose logits differ by more than <see cref="Tolerance"/> is not written.
/// </summary>
public static class ParityProbe
{
    public const double Tolerance = 1e-4;

    private static readonly string[] Texts =
    [
        "Great product, fast delivery, the seller answered every question.",
        "Ужасное качество, коробка была сломана.",
        "卖家回复很快，谢谢！",
        "البائع رد بسرعة، شكرا جزيلا",
        "विक्रेता ने जल्दी जवाब दिया।",
        "ひらがなとカタカナのテストです。",
        "판매자가 빨리 답해줬어요 🙂",
        "ok",
    ];

    /// <summary>Largest |TorchSharp − ONNX Runtime| over both outputs of the probe batch.</summary>
    public static double MaxDifference(ModerationModel model, string onnxPath, string tokenizerPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tokenizer = XlmrTokenizer.Load(tokenizerPath);
        if (tokenizer.VocabularySize > model.Config.VocabSize)
        {
            throw new InvalidBundleException($"the tokenizer has {tokenizer.VocabularySize} ids but the model's vocabulary is {model.Config.VocabSize}: they do not belong together");
        }

        var maxTokens = model.Config.MaxSequenceLength;
        var rows = Texts.Select(t => tokenizer.Encode(TextNormalizer.Normalize(t), maxTokens).Ids).ToArray();
        var width = rows.Max(r => r.Count);
        var ids = new long[rows.Length * width];
        var mask = new long[rows.Length * width];
        Array.Fill(ids, (long)model.Config.PadTokenId);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var i = 0; i < rows[r].Count; i++)
            {
                ids[(r * width) + i] = rows[r][i];
                mask[(r * width) + i] = 1;
            }
        }

        var wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            using var ngrams = NgramSource.For(model.Config, tokenizer)?.Batch(rows);
            using var expected = model.forward(tensor(ids, [rows.Length, width]), tensor(mask, [rows.Length, width]), null, ngrams);
            using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            using var session = new InferenceSession(onnxPath, options);
            List<NamedOnnxValue> inputs =
            [
                NamedOnnxValue.CreateFromTensor(OnnxSignature.InputIds, new DenseTensor<long>(ids, [rows.Length, width])),
                NamedOnnxValue.CreateFromTensor(OnnxSignature.AttentionMask, new DenseTensor<long>(mask, [rows.Length, width])),
            ];
            if (ngrams is not null)
            {
                inputs.Add(NamedOnnxValue.CreateFromTensor(OnnxSignature.CharNgramIds, new DenseTensor<long>(ngrams.IdValues, [rows.Length, ngrams.Width])));
                inputs.Add(NamedOnnxValue.CreateFromTensor(OnnxSignature.CharNgramMask, new DenseTensor<long>(ngrams.MaskValues, [rows.Length, ngrams.Width])));
            }

            using var results = session.Run(inputs);
            double Difference(string name, TorchSharp.torch.Tensor reference)
            {
                var actual = results.Single(r => r.Name == name).AsTensor<float>().ToArray();
                var wanted = reference.detach().cpu().contiguous().data<float>().ToArray();
                return wanted.Zip(actual, (a, b) => Math.Abs((double)a - b)).Max();
            }

            return Math.Max(Difference(OnnxSignature.FamilyLogits, expected.FamilyLogits), Difference(OnnxSignature.CategoryLogits, expected.CategoryLogits));
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
