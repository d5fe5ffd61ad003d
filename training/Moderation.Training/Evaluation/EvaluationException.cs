namespace Moderation.Training.Evaluation;

/// <summary>An evaluation input is wrong (missing model file, unreadable data, no rows): the command stops with this message.</summary>
public sealed class EvaluationException : Exception
{
    public EvaluationException(string message) : base(message)
    {
    }

    public EvaluationException(string message, Exception inner) : base(message, inner)
    {
    }

    public EvaluationException()
    {
    }
}
