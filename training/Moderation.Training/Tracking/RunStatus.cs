namespace Moderation.Training.Tracking;

/// <summary>MLflow's run states; the numbers are the ones the file store writes into a run's meta.yaml.</summary>
public enum RunStatus
{
    Running = 1,
    Scheduled = 2,
    Finished = 3,
    Failed = 4,
    Killed = 5,
}
