using System.Globalization;
using TypingRace.Testing;

namespace TypingRace.Deploy.Tests;

/// <summary>
/// The Helm chart in helm/typingrace, checked without helm (none installs here): its values against its schema and the
/// bad values it must refuse (tools/k8s-validate/chart-check.mjs), and its templates read as text.
/// </summary>
public sealed class HelmChartTests
{
    private const string BadValues = "tests/TypingRace.Deploy.Tests/BadValues";
    private static readonly string Chart = Path.Combine(Repository.Root, "helm", "typingrace");
    private static readonly string Templates = Path.Combine(Chart, "templates");

    /// <summary>One run of the chart check, shared by the tests that read its report.</summary>
    private static readonly Lazy<Task<(int Exit, string Output)>> ChartCheck =
        new(() => Processes.Run("node", Repository.Root, ["tools/k8s-validate/chart-check.mjs", "helm/typingrace", "--bad", BadValues]));

    [Fact]
    public async Task The_chart_check_finds_every_ci_values_file_valid_every_bad_one_rejected_and_every_values_path_in_values_yaml()
    {
        var (exit, report) = await ChartCheck.Value;
        Assert.True(exit == 0, $"chart-check exited {exit}:\n{report}");

        var counts = SummaryCounts(report);
        var ciFiles = Directory.GetFiles(Path.Combine(Chart, "ci"), "*-values.yaml").Length;
        var badFiles = Directory.GetFiles(Path.Combine(Repository.Root, BadValues), "*.yaml").Length;
        var templates = Directory.GetFiles(Templates, "*", SearchOption.AllDirectories).Length;
        Assert.True(ciFiles >= 5, $"only {ciFiles} ci values files");
        Assert.True(counts["values files valid"] == ciFiles + 1, $"values.yaml and {ciFiles} ci files, but the report says:\n{report}");
        Assert.True(counts["bad files rejected"] == badFiles, $"{badFiles} bad values files, but the report says:\n{report}");
        Assert.True(counts["templates balanced"] == templates, $"{templates} templates, but the report says:\n{report}");
        Assert.True(counts[".Values paths"] >= 50, $"too few .Values paths found, is the scan broken?\n{report}");
        foreach (var none in new[] { "invalid", "accepted", "missing", "unused", "undocumented", "unbalanced" })
        {
            Assert.True(counts[none] == 0, $"{counts[none]} {none}:\n{report}");
        }
    }

    [Theory]
    [InlineData("negative-replicas.yaml", "/silo/replicaCount must be >= 1")]
    [InlineData("zero-replicas.yaml", "/gateway/replicaCount must be >= 1")]
    [InlineData("string-replicas.yaml", "/silo/replicaCount must be integer")]
    [InlineData("unknown-top-level-key.yaml", "(top level) has unknown key 'silos'")]
    [InlineData("unknown-nested-key.yaml", "/gateway has unknown key 'replicas'")]
    [InlineData("bad-pull-policy.yaml", "/image/pullPolicy must be one of Always, IfNotPresent, Never")]
    [InlineData("bad-logs-format.yaml", "/logs/format must be one of json, simple")]
    [InlineData("bad-service-type.yaml", "/gateway/service/type must be one of ClusterIP, NodePort, LoadBalancer")]
    [InlineData("port-zero.yaml", "/metrics/port must be >= 1")]
    [InlineData("port-too-high.yaml", "/gateway/service/port must be <= 65535")]
    [InlineData("string-boolean.yaml", "/dashboard/enabled must be boolean")]
    public async Task Each_bad_values_file_is_rejected_for_its_own_mistake(string file, string reason)
    {
        var (_, report) = await ChartCheck.Value;

        var rejection = report.Split('\n').SingleOrDefault(line => line.StartsWith($"rejected: {BadValues}/{file}: ", StringComparison.Ordinal)) ?? "";
        Assert.True(rejection.Length > 0, $"{file} was not rejected:\n{report}");
        Assert.True(rejection.Contains(reason, StringComparison.Ordinal), $"{file} was rejected, but not for '{reason}': {rejection}");
    }

    [Fact]
    public void Every_object_carries_the_recommended_labels_and_selects_on_name_instance_and_component_only()
    {
        var objects = Directory.GetFiles(Templates, "*.yaml", SearchOption.AllDirectories);
        Assert.True(objects.Length >= 15, $"only {objects.Length} object templates");
        foreach (var file in objects)
        {
            var text = File.ReadAllText(file);
            var name = Path.GetRelativePath(Chart, file);
            Assert.True(text.Contains("\nkind: ", StringComparison.Ordinal), $"{name} renders no object");
            Assert.True(
                text.Contains("  labels:\n    {{- include \"typingrace.labels\" . | nindent 4 }}", StringComparison.Ordinal),
                $"{name}: its metadata.labels do not start with the typingrace.labels helper");

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!IsSelector(lines, i))
                {
                    continue;
                }

                var block = Block(lines, i);
                Assert.True(
                    block.Count(line => line.Trim().StartsWith("{{- include \"typingrace.selectorLabels\" . | nindent ", StringComparison.Ordinal)) == 1,
                    $"{name}:{i + 1}: the selector does not use typingrace.selectorLabels");
                Assert.True(
                    block.All(line => line.Trim().StartsWith("{{- include \"typingrace.selectorLabels\"", StringComparison.Ordinal)
                        || line.Trim().StartsWith("app.kubernetes.io/component: ", StringComparison.Ordinal)),
                    $"{name}:{i + 1}: the selector has more than name, instance and component:\n{string.Join('\n', block)}");
            }
        }

        var helpers = File.ReadAllLines(Path.Combine(Templates, "_helpers.tpl"));
        Assert.Equal(["app.kubernetes.io/name", "app.kubernetes.io/instance"], Keys(Define(helpers, "typingrace.selectorLabels")));
        var labels = Define(helpers, "typingrace.labels");
        Assert.Contains("{{ include \"typingrace.selectorLabels\" . }}", labels);
        Assert.Equal(
            ["helm.sh/chart", "app.kubernetes.io/version", "app.kubernetes.io/managed-by", "app.kubernetes.io/part-of"],
            Keys(labels));
    }

    [Fact]
    public void The_grafana_dashboard_in_the_chart_is_the_one_in_deploy_grafana()
    {
        var original = File.ReadAllBytes(Path.Combine(Repository.Root, "deploy", "grafana", "typingrace.json"));
        var copy = File.ReadAllBytes(Path.Combine(Chart, "dashboards", "typingrace.json"));
        Assert.True(
            original.AsSpan().SequenceEqual(copy),
            "helm/typingrace/dashboards/typingrace.json differs from deploy/grafana/typingrace.json; copy it again: "
            + "cp deploy/grafana/typingrace.json helm/typingrace/dashboards/typingrace.json");
    }

    [Fact]
    public void The_silos_roll_one_at_a_time_carry_the_orleans_labels_read_the_pod_from_the_downward_api_and_are_probed()
    {
        var lines = File.ReadAllLines(Path.Combine(Templates, "silo-deployment.yaml"));
        var text = string.Join('\n', lines);

        Assert.True(text.Contains("rollingUpdate:\n      # A silo leaves only once its replacement has joined.\n      maxUnavailable: 0\n      maxSurge: 1", StringComparison.Ordinal), "no maxUnavailable: 0 / maxSurge: 1");
        var podLabels = Block(lines, Array.FindIndex(lines, line => line == "      labels:"));
        Assert.Contains("        orleans/serviceId: {{ .Values.orleans.serviceId | quote }}", podLabels);
        Assert.Contains("        orleans/clusterId: {{ .Values.orleans.clusterId | quote }}", podLabels);

        Assert.Equal("metadata.name", FieldOf(lines, "POD_NAME"));
        Assert.Equal("metadata.namespace", FieldOf(lines, "POD_NAMESPACE"));
        Assert.Equal("status.podIP", FieldOf(lines, "POD_IP"));
        Assert.Equal("status.podIP", FieldOf(lines, "Orleans__AdvertisedIP"));
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldOf(lines, "ORLEANS_SERVICE_ID"));
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldOf(lines, "ORLEANS_CLUSTER_ID"));
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldOf(lines, "Orleans__ServiceId"));
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldOf(lines, "Orleans__ClusterId"));
        Assert.True(text.Contains("- name: Orleans__KubernetesHosting\n              value: {{ .Values.silo.kubernetesHosting | toString | quote }}", StringComparison.Ordinal), "Orleans__KubernetesHosting does not follow silo.kubernetesHosting");

        Assert.Equal("/readyz", ProbePath(lines, "startupProbe"));
        Assert.Equal("/readyz", ProbePath(lines, "readinessProbe"));
        Assert.Equal("/healthz", ProbePath(lines, "livenessProbe"));
        Assert.True(
            text.Contains("{{- if le (int .Values.silo.terminationGracePeriodSeconds) (int .Values.silo.shutdownTimeoutSeconds) }}\n{{- fail ", StringComparison.Ordinal),
            "the template does not refuse a grace period shorter than the host's shutdown");
    }

    [Fact]
    public void The_gateways_sleep_in_a_pre_stop_hook_are_pure_clients_and_leave_their_count_to_the_autoscaler()
    {
        var lines = File.ReadAllLines(Path.Combine(Templates, "gateway-deployment.yaml"));
        var text = string.Join('\n', lines);

        Assert.True(text.Contains("preStop:\n              sleep:\n                seconds: {{ .Values.gateway.preStopSleepSeconds }}", StringComparison.Ordinal), "no preStop sleep");
        Assert.DoesNotContain(lines, line => line.Contains("exec:", StringComparison.Ordinal));
        Assert.True(text.Contains("{{- if not .Values.gateway.autoscaling.enabled }}\n  replicas: {{ .Values.gateway.replicaCount }}\n  {{- end }}", StringComparison.Ordinal), "replicas are set even with the autoscaler on");
        Assert.True(text.Contains("- name: Orleans__Mode\n              value: Client", StringComparison.Ordinal), "the gateways are not in client mode");
        Assert.True(text.Contains("value: {{ include \"typingrace.timeSpan\" .Values.gateway.drainTimeoutSeconds | quote }}", StringComparison.Ordinal), "Gateway__DrainTimeout is not a TimeSpan from drainTimeoutSeconds");
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("orleans/", StringComparison.Ordinal));
        Assert.True(text.Contains("{{- fail (printf \"gateway.terminationGracePeriodSeconds", StringComparison.Ordinal), "the template does not refuse a grace period shorter than the sleep and the drain");
    }

    /// <summary>The "N what" parts of chart-check's last line, by what they count.</summary>
    private static Dictionary<string, int> SummaryCounts(string report)
    {
        const string Ok = "chart ok: ";
        var summary = report.Split('\n').SingleOrDefault(line => line.StartsWith(Ok, StringComparison.Ordinal)) ?? "";
        Assert.True(summary.Length > 0, $"no '{Ok}' line in:\n{report}");
        return summary[Ok.Length..].Split(", ").Select(part => part.Split(' ', 2)).ToDictionary(
            part => part[1],
            part => int.Parse(part[0], CultureInfo.InvariantCulture));
    }

    /// <summary>A selector's label map: "matchLabels:", or a Service's "selector:" holding the labels itself.</summary>
    private static bool IsSelector(string[] lines, int i) =>
        lines[i].Trim() == "matchLabels:"
        || (lines[i].Trim() == "selector:" && i + 1 < lines.Length && lines[i + 1].Trim() != "matchLabels:");

    /// <summary>The lines indented deeper than line <paramref name="at"/>, right below it.</summary>
    private static List<string> Block(string[] lines, int at)
    {
        Assert.True(at >= 0, "no such line");
        var indent = Indent(lines[at]);
        return lines.Skip(at + 1).TakeWhile(line => line.Trim().Length > 0 && Indent(line) > indent).ToList();
    }

    private static int Indent(string line) => line.Length - line.TrimStart().Length;

    /// <summary>The body of a named template in _helpers.tpl.</summary>
    private static List<string> Define(string[] helpers, string name)
    {
        var start = Array.IndexOf(helpers, $"{{{{- define \"{name}\" -}}}}");
        Assert.True(start >= 0, $"no define {name}");
        return helpers.Skip(start + 1).TakeWhile(line => line != "{{- end }}").ToList();
    }

    /// <summary>The label keys a helper writes itself (not those of the helpers it includes).</summary>
    private static List<string> Keys(List<string> body) =>
        body.Where(line => !line.StartsWith("{{", StringComparison.Ordinal) && line.Contains(": ", StringComparison.Ordinal))
            .Select(line => line[..line.IndexOf(": ", StringComparison.Ordinal)])
            .ToList();

    /// <summary>The fieldPath of the downward-API environment variable <paramref name="name"/>.</summary>
    private static string FieldOf(string[] lines, string name)
    {
        var at = Array.FindIndex(lines, line => line.Trim() == $"- name: {name}");
        Assert.True(at >= 0, $"no {name} in the environment");
        var field = lines.Skip(at + 1).Take(4).SingleOrDefault(line => line.Trim().StartsWith("fieldPath: ", StringComparison.Ordinal)) ?? "";
        Assert.True(field.Length > 0, $"{name} is not read from the downward API");
        return field.Trim()["fieldPath: ".Length..];
    }

    /// <summary>The httpGet path of a probe of the container.</summary>
    private static string ProbePath(string[] lines, string probe)
    {
        var at = Array.FindIndex(lines, line => line.Trim() == $"{probe}:");
        Assert.True(at >= 0, $"no {probe}");
        var path = Block(lines, at).SingleOrDefault(line => line.Trim().StartsWith("path: ", StringComparison.Ordinal)) ?? "";
        Assert.True(path.Length > 0, $"{probe} has no httpGet path");
        return path.Trim()["path: ".Length..];
    }
}
