using System.Text;

namespace Marketplace.Web.Api;

/// <summary>A query string from the parameters that have a value, each escaped; empty when none has.</summary>
public static class QueryText
{
    public static string Of(params (string Name, string? Value)[] parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            text.Append(text.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value.Trim()));
        }

        return text.ToString();
    }
}
