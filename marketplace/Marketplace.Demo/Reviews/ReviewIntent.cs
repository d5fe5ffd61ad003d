namespace Marketplace.Demo.Reviews;

/// <summary>What a sample review was written to be; the summary sets it against the verdict.</summary>
public enum ReviewIntent
{
    Clean,
    Abuse,
    Scam,
    PersonalInfo,
    Spam,
}
