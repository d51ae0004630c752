using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// The race screen as a Monkeytype or TypeRacer regular meets it, in Chromium: the passage readable through mistakes
/// and during the countdown, a racer who went idle kept in the results, no stale Ready, accuracy unknown before a
/// key, cursor labels that say who, the keyboard flow from lobby to results and back; phone widths; and a walk
/// through every screen in both languages and both themes, with a screenshot of each.
/// </summary>
public sealed class BrowserRaceScreenTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> Clocks = new()
    {
        // Long enough to look at the passage before the start, even on a loaded machine; an idle limit long enough
        // for a busy page to take a breath between keys, short enough that a racer who types nothing goes idle soon.
        ["Rooms:Countdown"] = "00:00:05",
        ["Rooms:IdleLimit"] = "00:00:10",
    };

    [Fact]
    public Task A_race_flows_by_keyboard_keeps_the_text_readable_and_keeps_the_racer_who_went_idle() =>
        BrowserScene.Play(output, "screen", players: 2, Clocks, (_, players, log) => KeyboardRace(players[0], players[1], log));

    [Fact]
    public Task Nothing_is_wider_than_a_phone_from_home_to_results_and_practice_starts_in_one_click() =>
        BrowserScene.Play(output, "phone", players: 1, Clocks, (_, players, log) => OnAPhone(players[0], log));

    [Fact]
    public Task Every_screen_reads_in_korean_and_english_in_light_and_dark_and_a_race_goes_on_through_a_switch() =>
        BrowserScene.Play(output, "walk", players: 1, new Dictionary<string, string?>(), (_, players, log) => WalkThrough(players[0], log));

    private static async Task KeyboardRace(BrowserPlayer ada, BrowserPlayer bo, Action<string> log)
    {
        // --- Lobby: each lands on their next step, and the hotkey says what it does.
        var code = await BrowserRaceTests.CreateRoom(ada, "Ada");
        await bo.Page.GotoAsync($"/r/{code}");
        await bo.Page.GetByTestId("name-input").FillAsync("Bo");
        await bo.Page.GetByTestId("save-name").ClickAsync();
        await Assertions.Expect(bo.Page.GetByTestId("room-code")).ToHaveTextAsync(code);
        bo.PlayerId = await bo.WaitForPlayerId();
        await Assertions.Expect(ada.Page.GetByTestId("start-race")).ToBeFocusedAsync();
        await Assertions.Expect(bo.Page.GetByTestId("ready-toggle")).ToBeFocusedAsync();
        await Assertions.Expect(ada.Page.GetByTestId("ready-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(ada.Page.GetByTestId("hotkey-hint")).ToHaveTextAsync("Ctrl + Enter to start the race");
        await Assertions.Expect(bo.Page.GetByTestId("hotkey-hint")).ToHaveTextAsync("Ctrl + Enter to say you are ready");

        // Bo says he is ready with the hotkey; Ada sees it, then starts the race with the same key.
        await bo.Page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(bo.Page.GetByTestId("ready-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(ada.Member(bo.PlayerId).Locator("[data-badge=ready]")).ToHaveCountAsync(1);
        await ada.Page.Keyboard.PressAsync("Control+Enter");
        log("ready and started by hotkey");

        // --- Countdown: the passage is there to read ahead, dimmed, and accuracy is unknown, not 0 %.
        await Assertions.Expect(ada.Page.GetByTestId("countdown")).ToHaveAttributeAsync("data-seconds", new Regex("^[1-5]$"));
        var text = await ada.WaitForPassage();
        var readAhead = ada.Page.Locator(".passage-area.read-ahead");
        await Assertions.Expect(readAhead).ToBeVisibleAsync();
        Assert.Equal(text, await ada.Page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('[data-testid=passage] .ch')].filter(s => !s.classList.contains('overflow')).map(s => s.textContent.replace('↵\\n', '\\n')).join('')"));
        await Assertions.Expect(ada.Page.GetByTestId("stat-accuracy")).ToHaveTextAsync("–");
        await ada.Screenshot("screen-read-ahead.png");

        // --- Ada slips at the start (the text stays readable: BrowserPlayer.Mistake checks it) and types on; Bo types nothing.
        await ada.WaitForTypingFocus();
        await Assertions.Expect(readAhead).ToHaveCountAsync(0);
        await ada.Begin(text, seed: 8);
        await ada.Mistake(2);
        await ada.TypeTo(ada.Length);
        log("Ada finished; Bo never typed");

        // --- Results: Bo went idle and keeps his row, unfinished; nobody reads as ready for the next race.
        await Assertions.Expect(ada.Page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var results = await ada.Results();
        var boLine = results.EnumerateArray().Single(r => r.GetProperty("playerId").GetString() == bo.PlayerId);
        Assert.True(boLine.GetProperty("wentIdle").GetBoolean());
        Assert.False(boLine.GetProperty("finished").GetBoolean());
        Assert.Equal(2, boLine.GetProperty("place").GetInt32());
        foreach (var player in new[] { ada, bo })
        {
            var row = player.ResultRow(bo.PlayerId);
            await Assertions.Expect(row).ToHaveAttributeAsync("data-idle", "true");
            await Assertions.Expect(row.GetByTestId("idle-note")).ToHaveTextAsync("idle");
            await Assertions.Expect(player.Page.Locator("[data-testid=member] [data-badge=ready]")).ToHaveCountAsync(0);
        }

        await Assertions.Expect(bo.Page.GetByTestId("own-result-line")).ToHaveTextAsync(new Regex(@"^2nd of 2 · did not finish \(0%\) · "));
        // Straight from the race the focus is on the heading (a key still being typed presses nothing); Tab reaches Race again.
        await Assertions.Expect(ada.Page.GetByTestId("results-title")).ToBeFocusedAsync();
        await ada.Page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(ada.Page.GetByTestId("race-again")).ToBeFocusedAsync();
        await Assertions.Expect(ada.Page.GetByTestId("ready-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(ada.Page.GetByTestId("hotkey-hint")).ToHaveTextAsync("Ctrl + Enter to race again");
        await ada.Screenshot("screen-results-idle.png");
        log("idle racer kept in the results");

        // The evening's tally: a race each, Ada's win and best, Bo's race with no finish to average.
        var adaWpm = results.EnumerateArray().Single(r => r.GetProperty("playerId").GetString() == ada.PlayerId).GetProperty("wpm").GetDouble();
        await Tally(ada, races: 1, (ada, 1, 1, Wpm(adaWpm)), (bo, 1, 0, "–"));
        await Assertions.Expect(bo.Page.GetByTestId("tally-best")).ToHaveTextAsync($"Best of the night: Ada#{ada.PlayerId[..4]}, {Wpm(adaWpm)} WPM in race 1.");

        // --- Race again by hotkey: accuracy is unknown again until the first key, and Bo's cursor says "Bo",
        // below the section title it would otherwise cover.
        await ada.Page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(ada.Page.GetByTestId("countdown")).ToBeVisibleAsync();
        await Assertions.Expect(ada.Page.GetByTestId("stat-accuracy")).ToHaveTextAsync("–");
        await ada.WaitForTypingFocus();
        await Assertions.Expect(ada.Page.GetByTestId("stat-accuracy")).ToHaveTextAsync("–");
        var boCursor = ada.Page.Locator($"[data-testid=opponent-cursor][data-player-id='{bo.PlayerId}']");
        await Assertions.Expect(boCursor.Locator(".opp-label")).ToHaveTextAsync("Bo");
        await Assertions.Expect(boCursor).ToHaveClassAsync(new Regex(@"\blabel-below\b"));
        var second = await ada.WaitForPassage();
        await ada.Begin(second, seed: 9);
        await ada.TypeTo(3);
        await Assertions.Expect(ada.Page.GetByTestId("stat-accuracy")).ToHaveTextAsync("100.0%");
        log("second race: accuracy from the first key");

        // --- Ada slips on every "e" to the end; her page names it her weak spot, with the server's figures.
        var runes = second.EnumerateRunes().Select(r => r.ToString()).ToList();
        for (var at = 3; at < runes.Count; at++)
        {
            if (runes[at] == "e")
            {
                await ada.TypeTo(at);
                await ada.Mistake(1);
            }
        }

        await ada.TypeTo(ada.Length);
        await Assertions.Expect(ada.Page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var secondWpm = (await ada.Results()).EnumerateArray().Single(r => r.GetProperty("playerId").GetString() == ada.PlayerId).GetProperty("wpm").GetDouble();
        await Tally(ada, races: 2, (ada, 2, 2, Wpm((adaWpm + secondWpm) / 2)), (bo, 2, 0, "–"));
        await ada.Page.GotoAsync($"/p/{ada.PlayerId}");
        var spots = await ada.Page.EvaluateAsync<JsonElement>($"async () => (await fetch('/api/players/{ada.PlayerId}/weak-spots')).json()");
        var worst = spots.GetProperty("characters")[0];
        Assert.Equal("e", worst.GetProperty("key").GetString());
        var (misses, attempts) = (worst.GetProperty("misses").GetInt32(), worst.GetProperty("attempts").GetInt32());
        Assert.Equal(runes.Count(ch => ch == "e"), misses);
        var first = ada.Page.Locator("[data-testid=weak-characters] li").First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-key", "e");
        await Assertions.Expect(first).ToHaveTextAsync($"e missed {misses} of {attempts} ({100 * misses / attempts}%)");
        await Assertions.Expect(ada.Page.Locator("[data-testid=weak-bigrams] li").First).ToHaveTextAsync(new Regex(@"^.e missed \d+ times?$"));
        await ada.Screenshot("screen-weak-spots.png");
        log("weak spots on the player page");
    }

    /// <summary>The tally card on both pages: its races, and per racer their races, wins and average WPM, in order.</summary>
    private static async Task Tally(BrowserPlayer viewer, int races, params (BrowserPlayer Racer, int Races, int Wins, string Average)[] lines)
    {
        var card = viewer.Page.GetByTestId("tally");
        await Assertions.Expect(card.GetByTestId("tally-races")).ToHaveTextAsync(races == 1 ? "1 race so far." : $"{races} races so far.");
        await Assertions.Expect(card.GetByTestId("tally-row")).ToHaveCountAsync(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var row = card.GetByTestId("tally-row").Nth(i);
            await Assertions.Expect(row).ToHaveAttributeAsync("data-player-id", lines[i].Racer.PlayerId);
            await Assertions.Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(lines[i].Races.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(row.GetByTestId("tally-wins")).ToHaveTextAsync(lines[i].Wins.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(row.GetByTestId("tally-average")).ToHaveTextAsync(lines[i].Average);
        }
    }

    /// <summary>As the client shows WPM: JavaScript's Math.round.</summary>
    private static string Wpm(double wpm) => Math.Floor(wpm + 0.5).ToString(CultureInfo.InvariantCulture);

    private static async Task OnAPhone(BrowserPlayer ada, Action<string> log)
    {
        var page = ada.Page;
        await page.SetViewportSizeAsync(390, 844);

        // --- Home, lobby, race and results on the mini guide's code paragraph: nothing scrolls sideways.
        await page.GotoAsync("/");
        await FitsTheScreen(page, "home");
        await BrowserRaceTests.CreateRoom(ada, "Ada", paragraph: 3);
        await FitsTheScreen(page, "lobby");
        await page.GetByTestId("start-race").ClickAsync();
        var text = await ada.WaitForPassage();
        Assert.Contains("for i := 0", text, StringComparison.Ordinal);
        await ada.WaitForTypingFocus();
        await FitsTheScreen(page, "race");
        // Code keeps its lines: it scrolls inside its own block rather than wrapping its indentation away.
        Assert.Equal("pre", await page.Locator(".passage-block.kind-code").First.EvaluateAsync<string>("el => getComputedStyle(el).whiteSpace"));
        await ada.Screenshot("phone-race.png");
        await ada.Begin(text, seed: 5);
        await ada.TypeTo(ada.Length);
        await Assertions.Expect(page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ada.Results();
        await FitsTheScreen(page, "results");
        await ada.Screenshot("phone-results.png");
        // The results, the fullest screen, at either end of the phones' widths too.
        foreach (var width in new[] { 360, 430 })
        {
            await page.SetViewportSizeAsync(width, 844);
            await FitsTheScreen(page, $"results at {width} px");
        }

        await page.SetViewportSizeAsync(390, 844);
        log("home, lobby, race and results fit 390 px");

        // --- Practice from the home page: one click, and the race is counting down with no lobby in between.
        await page.GotoAsync("/");
        await page.GetByTestId("practice").ClickAsync();
        await Assertions.Expect(page.GetByTestId("countdown")).ToBeVisibleAsync();
        var room = await page.EvaluateAsync<JsonElement>("() => window.typingRace.state.room");
        Assert.Contains(room.GetProperty("phase").GetString(), new[] { "countdown", "racing" });
        Assert.Equal(ada.PlayerId, room.GetProperty("hostId").GetString());
        var guide = room.GetProperty("guide");
        Assert.InRange(room.GetProperty("passage").GetProperty("firstParagraphIndex").GetInt32(), 0, guide.GetProperty("paragraphCount").GetInt32() - 1);
        await ada.WaitForTypingFocus();
        await FitsTheScreen(page, "practice race");
        log("practice started in one click");
    }

    private static async Task FitsTheScreen(IPage page, string screen)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"the {screen} screen is {scroll} px wide on a {client} px phone");
        // Nor do its tables scroll sideways inside their boxes (code may: it keeps its lines).
        var tables = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('.table-scroll')].filter(t => t.offsetParent && t.scrollWidth > t.clientWidth + 1).map(t => `${t.firstElementChild?.dataset.testid ?? t.firstElementChild?.className}: ${t.scrollWidth} > ${t.clientWidth} (columns ${[...t.querySelectorAll('thead th')].map(th => th.textContent + ' ' + Math.round(th.getBoundingClientRect().width)).join(', ')})`)");
        Assert.True(tables.Length == 0, $"on the {screen} screen tables are wider than the phone: {string.Join("; ", tables)}");
    }

    private static async Task WalkThrough(BrowserPlayer ada, Action<string> log)
    {
        var page = ada.Page;
        await page.SetViewportSizeAsync(1366, 900);
        await page.GotoAsync("/");
        await page.GetByTestId("name-input").FillAsync("Ada");
        await page.GetByTestId("save-name").ClickAsync();
        ada.PlayerId = await ada.WaitForPlayerId();

        // A draft in the guide import survives a language switch: the page is not rebuilt under the player's hands.
        await page.GetByTestId("import-title").FillAsync("My notes");
        await page.GetByTestId("language-switch").SelectOptionAsync("ko");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Assertions.Expect(page.GetByTestId("import-title")).ToHaveValueAsync("My notes");
        await page.GetByTestId("language-switch").SelectOptionAsync("en");
        await page.GetByTestId("import-title").FillAsync("");
        await Looks(page, "home", log);

        await page.GetByTestId("create-random").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-code")).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{6}$"));
        var random = await page.EvaluateAsync<JsonElement>("() => window.typingRace.state.room");
        Assert.InRange(random.GetProperty("passage").GetProperty("firstParagraphIndex").GetInt32(), 0, random.GetProperty("guide").GetProperty("paragraphCount").GetInt32() - 1);
        // The first paragraph, long enough to rank, so the results have their rank tables to lay out.
        await page.GetByTestId("paragraph-input").FillAsync("1");
        await page.GetByTestId("choose-passage").ClickAsync();
        await page.WaitForFunctionAsync("() => window.typingRace.state.room?.passage?.firstParagraphIndex === 0");
        await Looks(page, "lobby", log);

        // The race goes on through every switch: typing after each one still lands.
        await page.GetByTestId("start-race").ClickAsync();
        var text = await ada.WaitForPassage();
        await ada.WaitForTypingFocus();
        await ada.Begin(text, seed: 6);
        await ada.TypeTo(ada.Length / 3);
        await Looks(page, "race", log);

        // The caret in the style chosen (its colour blinks, its shape does not): a bar before the character, a line
        // under it, or a block behind it with the character in the page's colour.
        foreach (var (style, shadow, color) in new[] { ("underline", "rgb(31, 79, 209) 0px -4px 0px 0px inset", "rgb(27, 31, 36)"), ("block", "none", "rgb(255, 255, 255)"), ("line", "rgb(31, 79, 209) 3px 0px 0px 0px inset", "rgb(27, 31, 36)") })
        {
            await page.GetByTestId("caret-switch").SelectOptionAsync(style);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-caret", style);
            var caret = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.querySelector('[data-testid=passage] .ch.cur')); return [s.boxShadow, s.color]; }");
            Assert.Equal([shadow, color], caret);
        }

        await page.GetByTestId("typing-input").FocusAsync();
        await ada.TypeTo(ada.Length);
        await Assertions.Expect(page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var results = await ada.Results();
        Assert.True(results.EnumerateArray().Single().GetProperty("finished").GetBoolean());

        // At 1366 px the two rank tables sit side by side without running into each other.
        var speed = await page.GetByTestId("rank-table-speed").BoundingBoxAsync();
        var accuracy = await page.GetByTestId("rank-table-accuracy").BoundingBoxAsync();
        Assert.True(speed!.X + speed.Width <= accuracy!.X || accuracy.Y >= speed.Y + speed.Height,
            $"the rank tables overlap: speed at {speed.X}+{speed.Width}, accuracy at {accuracy.X}");
        await Looks(page, "results", log);

        await page.GetByTestId("replay-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay")).ToHaveAttributeAsync("data-state", "ready");
        await Looks(page, "replay", log);
        await page.GotoAsync("/fair-play");
        await Assertions.Expect(page.GetByTestId("fair-play-rule").First).ToBeVisibleAsync();
        await Looks(page, "fair-play", log);
        await page.GotoAsync("/c");
        await Assertions.Expect(page.Locator(".cohort-new-screen")).ToBeVisibleAsync();
        await Looks(page, "cohorts", log);
        await page.GetByTestId("cohort-name-input").FillAsync("Evening class");
        await page.GetByTestId("create-cohort").ClickAsync();
        var cohort = (await page.GetByTestId("created-cohort-code").TextContentAsync())!;
        await page.GetByTestId("open-console").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cohort-console")).ToHaveAttributeAsync("data-state", "ready");
        await Looks(page, "cohort-console", log);
        await page.GotoAsync($"/c/{cohort}");
        await Assertions.Expect(page.GetByTestId("cohort-page")).ToHaveAttributeAsync("data-state", "ready");
        await Looks(page, "cohort", log);

        await page.GotoAsync("/leaderboards");
        await Assertions.Expect(page.GetByTestId("board-table")).ToBeVisibleAsync();
        await Looks(page, "leaderboards", log);
        await page.GotoAsync($"/p/{ada.PlayerId}");
        await Assertions.Expect(page.GetByTestId("player-name")).ToBeVisibleAsync();
        await Looks(page, "player", log);
    }

    /// <summary>
    /// The screen in Korean and English, light and dark, one screenshot each: the page says its language, the
    /// header's switch reads in it, and the dark theme paints the page dark. Ends in English and light.
    /// </summary>
    private static async Task Looks(IPage page, string screen, Action<string> log)
    {
        foreach (var (language, theme) in new[] { ("ko", "light"), ("ko", "dark"), ("en", "dark"), ("en", "light") })
        {
            await page.GetByTestId("language-switch").SelectOptionAsync(language);
            await page.GetByTestId("theme-switch").SelectOptionAsync(theme);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
            await Assertions.Expect(page.GetByTestId("nav-leaderboards")).ToHaveTextAsync(language == "ko" ? "순위표" : "Leaderboards");
            await Assertions.Expect(page.Locator("[data-testid=theme-switch] option[value=dark]")).ToHaveTextAsync(language == "ko" ? "어둡게" : "Dark");
            var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
            Assert.Equal(theme == "dark" ? "rgb(20, 23, 28)" : "rgb(245, 246, 248)", background);
            await page.ScreenshotAsync(new() { Path = Path.Combine(TypingRace.Testing.TestBrowser.ScreenshotDirectory, $"walk-{screen}-{language}-{theme}.png"), FullPage = true });
        }

        log($"{screen} in both languages and themes");
    }
}
