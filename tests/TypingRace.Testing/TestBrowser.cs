using Microsoft.Playwright;
using Xunit;

namespace TypingRace.Testing;

/// <summary>Debian's chromium driven by Playwright, set up the same way for every browser test.</summary>
public static class TestBrowser
{
    public const float WaitMs = 15_000;

    /// <summary>The network is closed here, so nothing may try to reach it; root needs no sandbox.</summary>
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    public static string ScreenshotDirectory => Path.Combine(Repository.Root, "artifacts", "screenshots");

    public static Task<IBrowser> Launch(IPlaywright playwright)
    {
        Assertions.SetDefaultExpectTimeout(WaitMs);
        Directory.CreateDirectory(ScreenshotDirectory);
        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = Chromium(),
            Args = ChromiumArgs,
            Timeout = WaitMs,
        });
    }

    /// <param name="game">Where the pages go: a gateway, or nginx in front of several.</param>
    public static async Task<IBrowserContext> NewContext(IBrowser browser, Uri game)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = game.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(WaitMs);
        context.SetDefaultNavigationTimeout(WaitMs);
        return context;
    }

    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name), FullPage = true });

    public static async Task TryScreenshot(IPage page, string name)
    {
        try
        {
            await Screenshot(page, name);
        }
        catch (PlaywrightException)
        {
            // The page may be gone; the original failure matters more.
        }
    }

    private static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("TYPINGRACE_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            Assert.Fail($"The browser tests need Debian's chromium at {path}, which does not exist. "
                + "Install it with `apt-get install chromium` (or set TYPINGRACE_CHROMIUM to a chromium executable).");
        }

        return path;
    }
}
