namespace Moderation.Training.Tracking;

/// <summary>MLflow's reserved tag names and limits that both stores honour.</summary>
public static class MlflowNames
{
    public const string RunNameTag = "mlflow.runName";
    public const string SourceNameTag = "mlflow.source.name";
    public const string SourceTypeTag = "mlflow.source.type";
    public const string UserTag = "mlflow.user";
    public const string DefaultExperimentId = "0";
    public const string DefaultExperimentName = "Default";

    /// <summary>MLflow caps a param value at 6000 characters (500 before 2.x servers); longer ones are cut.</summary>
    public const int MaxParamValueLength = 500;

    /// <summary>Standard tags for a run started by this CLI.</summary>
    public static Dictionary<string, string> StandardTags(string runName) => new(StringComparer.Ordinal)
    {
        [RunNameTag] = runName,
        [SourceNameTag] = "moderation train",
        [SourceTypeTag] = "LOCAL",
        [UserTag] = Environment.UserName,
    };

    public static string ClipParam(string value) => value.Length <= MaxParamValueLength ? value : value[..MaxParamValueLength];
}
