using Microsoft.ML.Data;
using Moderation.Datasets.Corpus;
using Moderation.Taxonomy;
using Moderation.Text;

namespace Moderation.Training.Baseline;

/// <summary>
/// One row as ML.NET sees it: the text, the family, and one boolean column per category (named as the
/// category) so each binary classifier reads its own label column from the same featurised view.
/// </summary>
public sealed class BaselineInput
{
    public string Text { get; set; } = "";

    public string Family { get; set; } = "";

    [ColumnName(Categories.Abuse)] public bool Abuse { get; set; }

    [ColumnName(Categories.Sexual)] public bool Sexual { get; set; }

    [ColumnName(Categories.Scam)] public bool Scam { get; set; }

    [ColumnName(Categories.Spam)] public bool Spam { get; set; }

    [ColumnName(Categories.PersonalInfo)] public bool PersonalInfo { get; set; }

    public static BaselineInput From(CorpusRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new BaselineInput
        {
            Text = row.Text,
            Family = row.Family,
            Abuse = row.Labels.Contains(Categories.Abuse),
            Sexual = row.Labels.Contains(Categories.Sexual),
            Scam = row.Labels.Contains(Categories.Scam),
            Spam = row.Labels.Contains(Categories.Spam),
            PersonalInfo = row.Labels.Contains(Categories.PersonalInfo),
        };
    }
}
