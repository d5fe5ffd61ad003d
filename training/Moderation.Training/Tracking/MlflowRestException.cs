namespace Moderation.Training.Tracking;

/// <summary>An MLflow server answered with an error (its error_code and message when it sent them).</summary>
public sealed class MlflowRestException(string message) : Exception(message);
