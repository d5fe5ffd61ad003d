namespace Moderation.ServiceDefaults;

/// <summary>What <c>/healthz</c> and <c>/readyz</c> answer with.</summary>
public enum HealthBody
{
    /// <summary>The overall status as plain text (<c>Healthy</c>, <c>Degraded</c>, <c>Unhealthy</c>): the framework's default.</summary>
    Status,

    /// <summary>JSON: the overall status and each check's status and description.</summary>
    JsonWithChecks,
}
