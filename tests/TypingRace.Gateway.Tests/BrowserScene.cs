using System.Diagnostics;
using Microsoft.Playwright;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests;

/// <summary>The stage of every browser test: a fresh co-hosted gateway, Chromium, and one page per player.</summary>
public static class BrowserScene
{
    /// <summary>
    /// Runs <paramref name="script"/> with <paramref name="players"/> pages, each in its own browser context, against a
    /// gateway with the browser tests' clocks and <paramref name="settings"/> on top. When the script fails, each page
    /// leaves a screenshot of what its player saw (failure-<paramref name="name"/>-N.png); any script error a page
    /// met fails the test too.
    /// </summary>
    public static async Task Play(
        ITestOutputHelper output,
        string name,
        int players,
        IReadOnlyDictionary<string, string?> settings,
        Func<GatewayInstance, IReadOnlyList<BrowserPlayer>, Action<string>, Task> script)
    {
        var clock = Stopwatch.StartNew();
        void Log(string phase) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {phase}");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.Launch(playwright);
        foreach (var stale in Directory.GetFiles(TestBrowser.ScreenshotDirectory, $"failure-{name}-*.png"))
        {
            File.Delete(stale);
        }

        var all = GatewayInstance.CoHostedAtAPersonsPace();
        all["Rooms:Countdown"] = "00:00:02";
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        await using var gateway = await GatewayInstance.Start(all);
        Log($"gateway with co-hosted silo on {gateway.Address}");

        var contexts = new List<IBrowserContext>();
        try
        {
            var pages = new List<BrowserPlayer>();
            for (var i = 0; i < players; i++)
            {
                var context = await TestBrowser.NewContext(browser, gateway.Address);
                contexts.Add(context);
                pages.Add(await BrowserPlayer.Open(context));
            }

            Log($"chromium and {players} context(s)");
            try
            {
                await script(gateway, pages, Log);
            }
            catch
            {
                for (var i = 0; i < pages.Count; i++)
                {
                    await pages[i].TryScreenshot($"failure-{name}-{i + 1}.png");
                    Log($"page {i + 1} at the failure: {await pages[i].TryDescribe()}");
                }

                throw;
            }

            Assert.All(pages, page => Assert.Empty(page.PageErrors));
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }
}
