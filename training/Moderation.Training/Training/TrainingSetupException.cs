namespace Moderation.Training.Training;

/// <summary>Bad input to a training run (missing corpus, unknown preset, unusable resume directory): reported as one line.</summary>
public sealed class TrainingSetupException(string message) : Exception(message);
