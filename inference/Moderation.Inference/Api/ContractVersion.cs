namespace Moderation.Inference.Api;

/// <summary>
/// Which shape <c>POST /vN/moderate</c> answers in: <see cref="V1"/> the frozen verdict (scores, action, inappropriate)
/// for old clients, <see cref="V2"/> the decision (also flagged and rejecting categories, applied thresholds, model version).
/// </summary>
public enum ContractVersion
{
    V1 = 1,
    V2 = 2,
}
