namespace TypingRace.ServiceDefaults;

/// <summary>
/// <c>--probe URL</c>: the host asks a URL (its own <c>/readyz</c>) and exits 0 when it answers with success, 1
/// otherwise. Container HEALTHCHECKs run it, so the images need no curl.
/// </summary>
public static class Probe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool Requested(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args is not ["--probe", var url])
        {
            return false;
        }

        exitCode = Run(url).GetAwaiter().GetResult();
        return true;
    }

    private static async Task<int> Run(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            await Console.Error.WriteLineAsync($"--probe needs an absolute URL, not '{url}'.");
            return 2;
        }

        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(uri);
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{uri} did not answer: {exception.Message}");
            return 1;
        }
    }
}
