using YamlDotNet.RepresentationModel;

namespace Marketplace.Tests.Deployment;

/// <summary>
/// The settings the deployment files hand each service: environment variables in deploy/compose.yaml and, in
/// deploy/k8s/, container env entries and the data of the ConfigMaps a container imports. Keys come back in
/// configuration form (<c>Jwt__SigningKey</c> → <c>Jwt:SigningKey</c>).
/// </summary>
public static class DeploymentManifests
{
    public static string Root { get; } = FindRoot();

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ComposeSettings()
    {
        var root = Load(Path.Combine(Root, "deploy", "compose.yaml")).Single();
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, service) in Map(root, "services"))
        {
            if (service is YamlMappingNode body && body.Children.TryGetValue("environment", out var environment))
            {
                result[((YamlScalarNode)name).Value!] = [.. EnvironmentKeys(environment)];
            }
        }

        return result;
    }

    /// <summary>The compose services built from this repository (the rest are third-party images).</summary>
    public static IReadOnlyList<string> ComposeBuiltServices() =>
        [.. Map(Load(Path.Combine(Root, "deploy", "compose.yaml")).Single(), "services")
            .Where(p => p.Value is YamlMappingNode body && body.Children.ContainsKey("build"))
            .Select(p => ((YamlScalarNode)p.Key).Value!)];

    /// <summary>Per container name (which names the service), every setting its Deployment passes.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> KubernetesSettings()
    {
        var documents = Directory.GetFiles(Path.Combine(Root, "deploy", "k8s"), "*.yaml").SelectMany(Load).ToList();
        var configMaps = documents.Where(d => Scalar(d, "kind") == "ConfigMap")
            .ToDictionary(d => Scalar((YamlMappingNode)d.Children["metadata"], "name")!, d => Map(d, "data").Select(p => ((YamlScalarNode)p.Key).Value!).ToList());
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var deployment in documents.Where(d => Scalar(d, "kind") == "Deployment"))
        {
            var pod = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)deployment.Children["spec"]).Children["template"]).Children["spec"];
            foreach (var container in ((YamlSequenceNode)pod.Children["containers"]).Cast<YamlMappingNode>())
            {
                var keys = new List<string>();
                if (container.Children.TryGetValue("env", out var env))
                {
                    keys.AddRange(((YamlSequenceNode)env).Cast<YamlMappingNode>().Select(e => Scalar(e, "name")!));
                }

                if (container.Children.TryGetValue("envFrom", out var imports))
                {
                    foreach (var import in ((YamlSequenceNode)imports).Cast<YamlMappingNode>())
                    {
                        if (import.Children.TryGetValue("configMapRef", out var reference))
                        {
                            var name = Scalar((YamlMappingNode)reference, "name")!;
                            keys.AddRange(configMaps.TryGetValue(name, out var data) ? data : throw new InvalidDataException($"ConfigMap {name} is not in deploy/k8s"));
                        }
                    }
                }

                result[Scalar(container, "name")!] = [.. keys.Select(ToConfigurationKey)];
            }
        }

        return result;
    }

    public static string ToConfigurationKey(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    private static IEnumerable<string> EnvironmentKeys(YamlNode environment) => environment switch
    {
        // A "<<" entry is a YAML merge of a shared block: its keys are the block's own.
        YamlMappingNode map => map.Children.SelectMany(p => ((YamlScalarNode)p.Key).Value == "<<"
            ? EnvironmentKeys(p.Value)
            : [ToConfigurationKey(((YamlScalarNode)p.Key).Value!)]),
        YamlSequenceNode list => list.Cast<YamlScalarNode>().Select(s => ToConfigurationKey(s.Value!.Split('=')[0])),
        _ => [],
    };

    private static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var child) && child is YamlMappingNode map ? map.Children : [];

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var child) && child is YamlScalarNode scalar ? scalar.Value : null;

    private static IEnumerable<YamlMappingNode> Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Moderation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Moderation.sln not found above " + AppContext.BaseDirectory);
    }
}
