using TypingRace.Testing;

namespace TypingRace.Deploy.Tests;

/// <summary>What can be checked here without a Docker engine: the compose file, the YAML, and the Dockerfiles' shape.</summary>
public sealed class DeployFilesTests
{
    [Fact]
    public async Task The_compose_file_is_valid_for_docker_compose()
    {
        var (exit, output) = await Run("docker-compose", "-f", "docker-compose.yml", "config", "-q");
        Assert.True(exit == 0, $"docker-compose config -q exited {exit}:\n{output}");
    }

    [Fact]
    public async Task The_yaml_passes_yamllint()
    {
        var (exit, output) = await Run(
            "yamllint", "-c", ".yamllint.yml", "docker-compose.yml", ".yamllint.yml", "deploy/k8s", "helm/typingrace", "tests/TypingRace.Deploy.Tests/BadValues");
        Assert.True(exit == 0, $"yamllint exited {exit}:\n{output}");
    }

    [Fact]
    public async Task The_production_overlay_renders_the_whole_system_with_the_hosts_probes_and_the_silos_pod_rights()
    {
        var (exit, rendered) = await Run("kubectl", "kustomize", "deploy/k8s/overlays/production");
        Assert.True(exit == 0, $"kubectl kustomize exited {exit}:\n{rendered}");

        var kinds = rendered.Split('\n').Where(line => line.StartsWith("kind: ", StringComparison.Ordinal)).Select(line => line[6..]).Order().ToList();
        Assert.Equal(
            ["Deployment", "Deployment", "HorizontalPodAutoscaler", "Ingress", "Namespace", "PodDisruptionBudget", "Role", "RoleBinding",
             "Service", "Service", "Service", "ServiceAccount", "StatefulSet"],
            kinds);
        Assert.Contains("namespace: typingrace", rendered, StringComparison.Ordinal);
        Assert.Contains("replicas: 3", rendered, StringComparison.Ordinal);
        Assert.Contains("startupProbe:", rendered, StringComparison.Ordinal);
        Assert.Contains("path: /readyz", rendered, StringComparison.Ordinal);
        Assert.Contains("path: /healthz", rendered, StringComparison.Ordinal);
        Assert.Contains("- patch", rendered, StringComparison.Ordinal);
        Assert.Contains("fieldPath: status.podIP", rendered, StringComparison.Ordinal);
        Assert.Contains("name: Orleans__KubernetesHosting", rendered, StringComparison.Ordinal);
        Assert.Contains("image: typingrace-silo:1.0.0", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_rendered_object_is_valid_against_the_kubernetes_schemas_and_a_wrong_one_is_caught()
    {
        var (_, rendered) = await Run("kubectl", "kustomize", "deploy/k8s/overlays/production");

        var (exit, report) = await RunWithInput("node", rendered, "tools/k8s-validate/validate.mjs");
        Assert.True(exit == 0, $"validate.mjs exited {exit}:\n{report}");
        Assert.Contains("13 valid, 0 invalid", report, StringComparison.Ordinal);

        var (wrongExit, wrongReport) = await RunWithInput("node", rendered.Replace("replicas: 3", "replicas: three", StringComparison.Ordinal), "tools/k8s-validate/validate.mjs");
        Assert.Equal(1, wrongExit);
        Assert.Contains("spec/replicas must be integer", wrongReport, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway.Dockerfile", "TypingRace.Gateway.dll")]
    [InlineData("silo.Dockerfile", "TypingRace.Silo.dll")]
    public void Each_image_is_built_in_two_stages_runs_as_its_own_user_and_checks_its_readiness_without_curl(string file, string dll)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "deploy", "docker", file));

        Assert.Equal(2, lines.Count(line => line.StartsWith("FROM ", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", StringComparison.Ordinal));
        var user = Assert.Single(lines, line => line.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.Contains(lines, line => line.StartsWith("EXPOSE ", StringComparison.Ordinal) && line.Contains("8080", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains($"\"{dll}\", \"--probe\", \"http://127.0.0.1:8080/readyz\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dockerfiles_pass_the_dockerfile_linter_and_a_broken_one_does_not()
    {
        var (exit, report) = await Run("node", "tools/k8s-validate/dockerfile-lint.mjs", "deploy/docker/gateway.Dockerfile", "deploy/docker/silo.Dockerfile");
        Assert.True(exit == 0, $"dockerfile-lint exited {exit}:\n{report}");
        Assert.Contains("2 Dockerfiles, 0 problems", report, StringComparison.Ordinal);

        // The silo's Dockerfile with a relative WORKDIR, a port that is not a number and a second ENTRYPOINT.
        var broken = Path.Combine(Path.GetTempPath(), $"typingrace-{Guid.NewGuid():N}.Dockerfile");
        var silo = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "docker", "silo.Dockerfile"));
        File.WriteAllText(broken, silo.Replace("WORKDIR /app", "WORKDIR app", StringComparison.Ordinal)
            .Replace("EXPOSE 11111", "EXPOSE silo", StringComparison.Ordinal) + "ENTRYPOINT [\"dotnet\"]\n");
        try
        {
            var (brokenExit, brokenReport) = await Run("node", "tools/k8s-validate/dockerfile-lint.mjs", broken);
            Assert.Equal(1, brokenExit);
            Assert.Contains("WORKDIR paths should be absolute", brokenReport, StringComparison.Ordinal);
            Assert.Contains("Invalid containerPort: silo", brokenReport, StringComparison.Ordinal);
            Assert.Contains("only be one ENTRYPOINT", brokenReport, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    private static Task<(int Exit, string Output)> Run(string command, params string[] args) => Processes.Run(command, Repository.Root, args);

    private static Task<(int Exit, string Output)> RunWithInput(string command, string? stdin, params string[] args) =>
        Processes.Run(command, Repository.Root, args, stdin);
}
