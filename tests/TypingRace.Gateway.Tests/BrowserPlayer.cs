using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using TypingRace.Testing;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// One player's browser page in the browser tests, and what they have typed: it types the passage with the
/// keyboard at a person's uneven pace, skipping what the room view says the server fills in.
/// </summary>
public sealed class BrowserPlayer
{
    private Rune[] _text = [];
    private bool[] _filled = [];
    private Random _random = new(0);
    private int _position;

    private BrowserPlayer(IPage page)
    {
        Page = page;
        page.PageError += (_, error) => PageErrors.Add(error);
        // Whatever the page does, the Content-Security-Policy must never have to refuse it.
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                PageErrors.Add(message.Text);
            }
        };
    }

    public IPage Page { get; }

    public List<string> PageErrors { get; } = [];

    public string PlayerId { get; set; } = "";

    public int Length => _text.Length;

    /// <summary>Correct characters over all characters typed, as the server counts them (auto-filled indentation is not typed).</summary>
    public double ExpectedAccuracy => (double)Correct / (Correct + Wrong);

    public int Correct { get; private set; }

    public int Wrong { get; private set; }

    public static async Task<BrowserPlayer> Open(IBrowserContext context) => new(await context.NewPageAsync());

    public ILocator Member(string playerId) => Page.Locator($"[data-testid=member][data-player-id='{playerId}']");

    public ILocator Lane(string playerId) => Page.Locator($"[data-testid=lane][data-player-id='{playerId}']");

    public ILocator ResultRow(string playerId) => Page.Locator($"[data-testid=result-row][data-player-id='{playerId}']");

    public async Task<int> LaneProgress(string playerId) =>
        int.Parse((await Lane(playerId).GetAttributeAsync("data-progress"))!, CultureInfo.InvariantCulture);

    public async Task<string> WaitForPlayerId()
    {
        var handle = await Page.WaitForFunctionAsync("() => window.typingRace?.state?.player?.playerId");
        return await handle.JsonValueAsync<string>();
    }

    public async Task<string> WaitForPassage()
    {
        var handle = await Page.WaitForFunctionAsync("() => window.typingRace.state.room?.passage?.text");
        return await handle.JsonValueAsync<string>();
    }

    /// <summary>The typing box has the focus and takes keys: the race is on for this player.</summary>
    public Task WaitForTypingFocus() => Page.WaitForFunctionAsync(
        """
        () => {
          const el = document.activeElement;
          return el?.dataset?.testid === 'typing-input' && !el.readOnly && window.typingRace.state.screen === 'racing';
        }
        """,
        null,
        new() { Timeout = 30_000 });

    /// <summary>The results once every player's line has its standing, which follows the results a moment later; bots and ghosts get none.</summary>
    public async Task<JsonElement> Results()
    {
        var handle = await Page.WaitForFunctionAsync(
            "() => { const results = window.typingRace.state.room?.results; return results?.every(line => line.isBot || line.isGhost || line.standing) ? results : null; }");
        return await handle.JsonValueAsync<JsonElement>();
    }

    /// <summary>Starts typing <paramref name="text"/>, skipping what the server fills in (the room view says which).</summary>
    public async Task Begin(string text, int seed)
    {
        _text = text.EnumerateRunes().ToArray();
        _filled = new bool[_text.Length];
        var ranges = await Page.EvaluateAsync<JsonElement>("() => window.typingRace.state.room.passage.autoFilled ?? []");
        foreach (var range in ranges.EnumerateArray())
        {
            var start = range.GetProperty("start").GetInt32();
            for (var i = start; i < start + range.GetProperty("length").GetInt32(); i++)
            {
                _filled[i] = true;
            }
        }

        _random = new Random(seed);
        _position = 0;
        SkipFilled();
    }

    /// <summary>Characters of the passage the racer types: all but those the server fills in.</summary>
    public int Typeable => _filled.Count(filled => !filled);

    private void SkipFilled()
    {
        while (_position < _text.Length && _filled[_position])
        {
            _position++;
        }
    }

    /// <summary>
    /// Types the passage up to <paramref name="end"/> with the keyboard, waiting an uneven time of
    /// <paramref name="minDelayMs"/> to <paramref name="maxDelayMs"/> between keys, each word at its own tempo, as a
    /// person does (the server judges a steady speed, stretch after stretch, a script's).
    /// </summary>
    public async Task TypeTo(int end, int minDelayMs = 20, int maxDelayMs = 70)
    {
        var tempo = 1.0;
        while (_position < end)
        {
            var rune = _text[_position];
            if (rune.Value is ' ' or '\n')
            {
                tempo = 0.6 + 0.9 * _random.NextDouble();
            }

            _position++;
            Correct++;
            if (rune.Value == '\n')
            {
                await Page.Keyboard.PressAsync("Enter");
            }
            else
            {
                await Page.Keyboard.TypeAsync(rune.ToString());
            }

            SkipFilled();

            await Task.Delay((int)(_random.Next(minDelayMs, maxDelayMs) * tempo));
        }

        if (_position < _text.Length)
        {
            // The last key ends the race for this player; the results screen may replace the passage at once.
            await Assertions.Expect(Page.GetByTestId("passage")).ToHaveAttributeAsync("data-position", _position.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Types <paramref name="count"/> wrong characters, sees them marked, and backspaces them away.</summary>
    public async Task Mistake(int count)
    {
        var expected = _text[_position].ToString();
        var wrong = expected == "q" ? "z" : "q";
        for (var i = 0; i < count; i++)
        {
            await Page.Keyboard.TypeAsync(wrong);
            Wrong++;
            await Task.Delay(_random.Next(60, 140));
        }

        var passage = Page.GetByTestId("passage");
        await Assertions.Expect(passage).ToHaveAttributeAsync("data-error-length", count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(passage.Locator(".ch.err:not(.overflow)")).ToHaveCountAsync(count);
        // The run covers what was expected without hiding it: the passage's own characters, the wrong ones drawn above.
        var covered = _text[_position..Math.Min(_text.Length, _position + count)].Select(rune => rune.Value == '\n' ? "↵\n" : rune.ToString()).ToArray();
        await Assertions.Expect(passage.Locator(".ch.err:not(.overflow)")).ToHaveTextAsync(covered);
        Assert.All(await passage.Locator(".ch.err:not(.overflow)").EvaluateAllAsync<string[]>("spans => spans.map(s => s.dataset.typed)"), typed => Assert.Equal(wrong, typed));
        for (var i = 0; i < count; i++)
        {
            await Page.Keyboard.PressAsync("Backspace");
            await Task.Delay(_random.Next(60, 140));
        }

        await Assertions.Expect(passage).ToHaveAttributeAsync("data-error-length", "0");
        await Assertions.Expect(passage.Locator(".ch.err:not(.overflow)")).ToHaveCountAsync(0);
    }

    /// <summary>Presses Tab for a hint; returns the word the server should reveal.</summary>
    public async Task<string> Hint()
    {
        await Page.Keyboard.PressAsync("Tab");
        var word = new StringBuilder();
        var end = _position;
        if (end < _text.Length && _text[end].Value is ' ' or '\n')
        {
            word.Append(_text[end++].ToString());
        }

        while (end < _text.Length && _text[end].Value is not (' ' or '\n'))
        {
            word.Append(_text[end++].ToString());
        }

        await Assertions.Expect(Page.GetByTestId("hint-bubble")).ToBeVisibleAsync();
        return word.ToString();
    }

    public Task Screenshot(string name) => TestBrowser.Screenshot(Page, name);

    public Task TryScreenshot(string name) => TestBrowser.TryScreenshot(Page, name);

    /// <summary>Where the page is and what it holds, for the log of a failed test; never throws.</summary>
    public async Task<string> TryDescribe()
    {
        try
        {
            return await Page.EvaluateAsync<string>(
                """
                () => {
                  const s = window.typingRace?.state ?? {};
                  const banner = document.querySelector('[data-testid=error-banner]:not([hidden])')?.textContent?.trim();
                  const note = document.querySelector('[data-testid=live-note]')?.textContent?.trim();
                  return JSON.stringify({ path: location.pathname, screen: s.screen, connection: s.connection, phase: s.room?.phase,
                    own: s.own && { position: s.own.position, serverPosition: s.own.serverPosition, lastAckedSeq: s.own.lastAckedSeq,
                                    unackedKeys: s.own.unackedKeys, finished: s.own.finished },
                    focused: document.activeElement?.dataset?.testid ?? document.activeElement?.tagName, banner, liveNote: note });
                }
                """);
        }
        catch (PlaywrightException e)
        {
            return $"(not readable: {e.Message.Split('\n')[0]})";
        }
    }
}
