using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// Races in real browsers (Debian's chromium driven by Playwright) through the real client, against a real
/// co-hosted gateway: two players through lobby, countdown, typing with the keyboard, live lanes, hints and
/// results; and one player racing the bots they added in the lobby.
/// </summary>
public sealed class BrowserRaceTests(ITestOutputHelper output)
{
    /// <summary>A finish time as the results table shows it ("0:07.4").</summary>
    private static readonly Regex Time = new(@"^0:\d\d\.\d$");

    [Fact]
    public Task Two_browsers_race_through_the_ui_see_each_other_live_get_the_same_results_and_race_their_ghosts() =>
        Play("two", players: 2, (players, log) => Race(players[0], players[1], log));

    [Fact]
    public Task A_host_adds_bots_in_the_lobby_races_them_sees_them_marked_as_bots_and_races_the_ghost_of_her_best() =>
        Play("bots", players: 1, (players, log) => RaceBots(players[0], log));

    [Fact]
    public Task A_code_from_the_player_page_signs_the_same_player_in_on_another_browser() =>
        Play("device", players: 2, (players, log) => SignInElsewhere(players[0], players[1], log));

    [Fact]
    public Task A_player_imports_copied_notes_reviews_them_and_races_them_with_the_emoji_shown_but_not_typed() =>
        Play("import", players: 1, (players, log) => ImportAndRace(players[0], log));

    [Fact]
    public Task Two_players_find_a_quick_race_from_the_home_page_and_race_in_the_same_room() =>
        Play("quick", players: 2, (players, log) => QuickRace(players[0], players[1], log), new Dictionary<string, string?> { ["QuickRace:FillWait"] = "00:00:01", ["QuickRace:AloneWait"] = "00:01:00" });

    /// <summary>A script with one browser page per player against a fresh co-hosted gateway (<see cref="BrowserScene"/>).</summary>
    private Task Play(string name, int players, Func<IReadOnlyList<BrowserPlayer>, Action<string>, Task> script, IReadOnlyDictionary<string, string?>? settings = null) =>
        BrowserScene.Play(output, name, players, settings ?? new Dictionary<string, string?>(), (_, pages, log) => script(pages, log));

    private static async Task QuickRace(BrowserPlayer ada, BrowserPlayer bo, Action<string> log)
    {
        // Ada joins the short queue first and sees herself waiting; Bo's arrival starts the race a second later.
        foreach (var (player, name) in new[] { (ada, "Ada"), (bo, "Bo") })
        {
            await player.Page.GotoAsync("/");
            await player.Page.GetByTestId("name-input").FillAsync(name);
            await player.Page.GetByTestId("quick-length-short").ClickAsync();
            await player.Page.GetByTestId("quick-race").ClickAsync();
            player.PlayerId = await player.WaitForPlayerId();
            if (player == ada)
            {
                var waiting = new Regex(@"^Waiting: 1 of \d in the queue\. The race starts within \d+ s, sooner if it fills\.$");
                await Assertions.Expect(ada.Page.GetByTestId("quick-status")).ToContainTextAsync(waiting);

                // A language switch draws the page anew; Ada keeps her place in the queue through it.
                await ada.Page.GetByTestId("language-switch").SelectOptionAsync("ko");
                await Assertions.Expect(ada.Page.GetByTestId("quick-cancel")).ToBeVisibleAsync();
                await ada.Page.GetByTestId("language-switch").SelectOptionAsync("en");
                await Assertions.Expect(ada.Page.GetByTestId("quick-status")).ToContainTextAsync(waiting);
            }
        }

        var rooms = new List<string>();
        foreach (var player in new[] { ada, bo })
        {
            var handle = await player.Page.WaitForFunctionAsync("() => /^\\/r\\/[^/]+$/.test(location.pathname) && location.pathname.slice(3)");
            rooms.Add(await handle.JsonValueAsync<string>());
        }

        var code = Assert.Single(rooms.Distinct());
        log($"both in quick race room {code}");
        await Task.WhenAll(ada.WaitForTypingFocus(), bo.WaitForTypingFocus());
        foreach (var player in new[] { ada, bo })
        {
            await Assertions.Expect(player.Page.GetByTestId("lane")).ToHaveCountAsync(2);
        }

        // A public race is a random paragraph of a shipped guide, short as asked.
        var passage = await ada.Page.EvaluateAsync<JsonElement>("() => window.typingRace.state.room.passage");
        Assert.Equal("short", passage.GetProperty("length").GetString());
        Assert.Equal(await ada.WaitForPassage(), await bo.WaitForPassage());
        log("the race started with both");
    }

    /// <summary>The host names themselves on the home page and creates a room on a short passage of the mini guide (its first by default).</summary>
    internal static async Task<string> CreateRoom(BrowserPlayer host, string name, int paragraph = 1)
    {
        var page = host.Page;
        await page.GotoAsync("/");
        await page.GetByTestId("name-input").FillAsync(name);
        await page.Locator("[data-testid=guide-select] option[value=mini]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("guide-select").SelectOptionAsync("mini");
        await Assertions.Expect(page.GetByTestId("paragraph-preview")).ToContainTextAsync("Short lines");
        await page.GetByTestId("paragraph-input").FillAsync(paragraph.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("paragraph-input")).ToHaveValueAsync(paragraph.ToString(CultureInfo.InvariantCulture));
        await page.GetByTestId("length-select").SelectOptionAsync("short");
        await page.GetByTestId("create-room").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-code")).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{6}$"));
        var code = (await page.GetByTestId("room-code").TextContentAsync())!;
        Assert.EndsWith($"/r/{code}", page.Url);
        host.PlayerId = await host.WaitForPlayerId();
        return code;
    }

    private static async Task SignInElsewhere(BrowserPlayer laptop, BrowserPlayer phone, Action<string> log)
    {
        await laptop.Page.GotoAsync("/");
        await laptop.Page.GetByTestId("name-input").FillAsync("Ada");
        await laptop.Page.GetByTestId("save-name").ClickAsync();
        laptop.PlayerId = await laptop.WaitForPlayerId();

        // The laptop's player page gives a one-time code.
        await laptop.Page.GotoAsync($"/p/{laptop.PlayerId}");
        await laptop.Page.GetByTestId("get-device-code").ClickAsync();
        var code = laptop.Page.GetByTestId("device-code").Locator("strong");
        await Assertions.Expect(code).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{8}$"));
        var typed = (await code.TextContentAsync())!;
        log("code issued on the first browser");

        // The phone, a browser of its own, signs in with it and is Ada too.
        await phone.Page.GotoAsync("/");
        await phone.Page.Locator(".device-sign-in summary").ClickAsync();
        await phone.Page.GetByTestId("device-code-input").FillAsync(typed);
        await phone.Page.GetByTestId("device-code-sign-in").ClickAsync();
        await Assertions.Expect(phone.Page.GetByTestId("current-name")).ToHaveTextAsync($"You race as Ada#{laptop.PlayerId[..4]}.");
        Assert.Equal(laptop.PlayerId, await phone.WaitForPlayerId());

        // Used once, the code signs nobody else in.
        await phone.Page.GetByTestId("device-code-sign-in").ClickAsync();
        await Assertions.Expect(phone.Page.GetByTestId("device-code-help")).ToContainTextAsync("not valid");
        log("second browser signed in as the same player");

        // The phone is lost: the laptop signs every other device out and stays Ada, with a token of its own.
        var laptopToken = await StoredToken(laptop);
        var phoneToken = await StoredToken(phone);
        await laptop.Page.GetByTestId("sign-out-everywhere").ClickAsync();
        await Assertions.Expect(laptop.Page.GetByTestId("sign-out-status")).ToHaveTextAsync("Every other device is signed out. This browser stays signed in.");
        var renewed = await StoredToken(laptop);
        Assert.NotEqual(laptopToken, renewed);
        using var http = new HttpClient { BaseAddress = new Uri(laptop.Page.Url) };
        foreach (var (token, status) in new[] { (phoneToken, HttpStatusCode.Unauthorized), (laptopToken, HttpStatusCode.Unauthorized), (renewed, HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/players/me");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(status, (await http.SendAsync(request)).StatusCode);
        }

        // The laptop goes on as Ada.
        await laptop.Page.ReloadAsync();
        Assert.Equal(laptop.PlayerId, await laptop.WaitForPlayerId());
        log("the other browser signed out from the first");
    }

    private static async Task<string> StoredToken(BrowserPlayer player) =>
        (await player.Page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('typingrace.player')).token"))!;

    /// <summary>Notes pasted from a web page: a menu, a title, prose with an emoji, two bullets, a comment counter.</summary>
    private const string CopiedNotes =
        "Home   Blog   Share\n\nRolling upgrades\n\nA rolling upgrade replaces one server at a time, so the players\n"
        + "never see the game go away. Each new server joins before an old one leaves 🚀 today.\n\n"
        + "• Drain the gateway first.\n• Then stop the silo.\n\n12 comments\n";

    private static async Task ImportAndRace(BrowserPlayer ada, Action<string> log)
    {
        var page = ada.Page;
        await page.GotoAsync("/");
        await page.GetByTestId("name-input").FillAsync("Ada");
        await page.GetByTestId("save-name").ClickAsync();
        ada.PlayerId = await ada.WaitForPlayerId();

        // --- Paste, preview: the page's chrome is there to review, split as the server splits it.
        await page.GetByTestId("import-title").FillAsync("Deploying with care");
        await page.GetByTestId("import-content").FillAsync(CopiedNotes);
        await page.GetByTestId("import-preview").ClickAsync();
        var rows = page.Locator("[data-testid=import-review] li");
        await Assertions.Expect(rows).ToHaveCountAsync(4);
        await Assertions.Expect(rows.Locator(".import-text")).ToHaveTextAsync(
        [
            "A rolling upgrade replaces one server at a time, so the players never see the game go away. Each new server joins before an old one leaves 🚀 today.",
            "Drain the gateway first.",
            "Then stop the silo.",
            "12 comments",
        ]);
        await Assertions.Expect(page.GetByTestId("import-status")).ToContainTextAsync("4 paragraphs");
        await ada.Screenshot("import-review.png");

        // --- Review: the counter goes, the bullets become one item; saved, the guide is picked for a room.
        await rows.Nth(3).GetByTestId("import-keep").UncheckAsync();
        await rows.Nth(1).GetByTestId("import-join").CheckAsync();
        await page.GetByTestId("import-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-status")).ToContainTextAsync("Saved “Deploying with care” with 2 paragraphs");
        // The picker lists the guides again and picks the new one once the save is through.
        await Assertions.Expect(page.GetByTestId("guide-select")).ToHaveValueAsync(new Regex("^u-[0-9a-f]{16}$"));
        var guideId = await page.GetByTestId("guide-select").InputValueAsync();
        await Assertions.Expect(page.Locator($"[data-testid=guide-select] option[value='{guideId}']")).ToHaveTextAsync("Deploying with care (2 paragraphs, imported)");
        log($"guide {guideId} imported and picked");

        // --- The race: the emoji is drawn but filled in, and typing the rest finishes at 100 %.
        await page.GetByTestId("create-room").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-code")).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{6}$"));
        await page.GetByTestId("start-race").ClickAsync();
        var text = await ada.WaitForPassage();
        Assert.Contains("🚀", text, StringComparison.Ordinal);
        await ada.WaitForTypingFocus();
        await ada.Begin(text, seed: 4);
        Assert.Equal(text.EnumerateRunes().Count() - 2, ada.Typeable);
        await Assertions.Expect(page.Locator("[data-testid=passage] .ch.auto")).ToHaveTextAsync(["🚀", " "]);
        await ada.TypeTo(ada.Length);
        await Assertions.Expect(page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var own = ResultOf(await ada.Results(), ada.PlayerId);
        Assert.Equal(1.0, own.GetProperty("accuracy").GetDouble());
        Assert.True(own.GetProperty("finished").GetBoolean());
        await ada.Screenshot("import-results.png");
        log("raced the imported guide to the end");
    }

    private static async Task Race(BrowserPlayer a, BrowserPlayer b, Action<string> log)
    {
        // --- Lobby: Ada creates the room from the home page, Bo follows the share link.
        var code = await CreateRoom(a, "Ada");

        await b.Page.GotoAsync($"/r/{code}");
        await b.Page.GetByTestId("name-input").FillAsync("Bo");
        await b.Page.GetByTestId("save-name").ClickAsync();
        await Assertions.Expect(b.Page.GetByTestId("room-code")).ToHaveTextAsync(code);
        b.PlayerId = await b.WaitForPlayerId();

        await Assertions.Expect(a.Member(b.PlayerId)).ToContainTextAsync("Bo#" + b.PlayerId[..4]);
        await Assertions.Expect(b.Member(a.PlayerId)).ToHaveAttributeAsync("data-host", "true");
        await Assertions.Expect(b.Page.GetByTestId("start-race")).ToBeHiddenAsync();
        await a.Screenshot("lobby-a.png");
        log($"room {code} created by Ada, Bo joined");

        // --- Countdown, then both typing boxes take the focus.
        await a.Page.GetByTestId("start-race").ClickAsync();
        foreach (var player in new[] { a, b })
        {
            await Assertions.Expect(player.Page.GetByTestId("countdown")).ToHaveAttributeAsync("data-seconds", new Regex("^[12]$"));
        }

        var text = await a.WaitForPassage();
        Assert.Equal(text, await b.WaitForPassage());
        await Task.WhenAll(a.WaitForTypingFocus(), b.WaitForTypingFocus());
        log("countdown over, both typing boxes focused");
        await a.Begin(text, seed: 1);
        await b.Begin(text, seed: 2);
        var length = a.Length;
        Assert.True(length >= 80, $"a short passage has at least 80 characters, got {length}");
        var half = length / 2;
        var third = length / 3;

        // --- Ada types the first half cleanly; Bo types a third with a fixed mistake and asks for a hint.
        await a.TypeTo(half);
        await b.TypeTo(10);
        await b.Mistake(2);
        await b.TypeTo(third);
        var hintWord = await b.Hint();

        // Each sees the other's lane move before anyone has finished.
        await Assertions.Expect(a.Lane(b.PlayerId)).ToHaveAttributeAsync("data-progress", third.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(b.Lane(a.PlayerId)).ToHaveAttributeAsync("data-progress", half.ToString(CultureInfo.InvariantCulture));
        Assert.True(await a.LaneProgress(b.PlayerId) > 0);
        Assert.True(await b.LaneProgress(a.PlayerId) > 0);
        await Assertions.Expect(a.Page.GetByTestId("lane")).ToHaveCountAsync(2);
        await Assertions.Expect(b.Page.GetByTestId("lane")).ToHaveCountAsync(2);
        await Assertions.Expect(a.Page.Locator($"[data-testid=opponent-cursor][data-player-id='{b.PlayerId}']")).ToHaveAttributeAsync("data-position", third.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(b.Page.GetByTestId("stat-hints")).ToHaveTextAsync("1");
        await Assertions.Expect(b.Page.GetByTestId("hint-bubble")).ToHaveTextAsync("Hint: " + hintWord.Replace(' ', '␣'));
        await a.Screenshot("race-a.png");
        await b.Screenshot("race-b.png");
        log("half and a third typed, lanes seen");

        // --- Ada finishes first, then Bo.
        await a.TypeTo(length);
        await Assertions.Expect(a.Page.GetByTestId("race-note")).ToHaveTextAsync(new Regex("^Finished!"));
        await Assertions.Expect(b.Lane(a.PlayerId)).ToHaveAttributeAsync("data-progress", length.ToString(CultureInfo.InvariantCulture));
        await b.TypeTo(length);
        log("both finished");

        // --- Results: the same table on both pages.
        foreach (var player in new[] { a, b })
        {
            await Assertions.Expect(player.Page.GetByTestId("results")).ToBeVisibleAsync();
            await Assertions.Expect(player.Page.GetByTestId("result-row")).ToHaveCountAsync(2);
        }

        var results = await a.Results();
        Assert.Equal(results.ToString(), (await b.Results()).ToString());
        var resultA = ResultOf(results, a.PlayerId);
        var resultB = ResultOf(results, b.PlayerId);
        Assert.Equal(1, resultA.GetProperty("place").GetInt32());
        Assert.Equal(2, resultB.GetProperty("place").GetInt32());
        Assert.Equal(1.0, resultA.GetProperty("accuracy").GetDouble());
        Assert.Equal(b.ExpectedAccuracy, resultB.GetProperty("accuracy").GetDouble());
        Assert.Equal(0, resultA.GetProperty("hints").GetInt32());
        Assert.Equal(1, resultB.GetProperty("hints").GetInt32());
        foreach (var result in new[] { resultA, resultB })
        {
            Assert.True(result.GetProperty("finished").GetBoolean());
            Assert.Equal(length, result.GetProperty("position").GetInt32());
            // Human-paced typing with uneven gaps: nothing to flag.
            Assert.Empty(result.GetProperty("flags").EnumerateArray());
        }

        // Bo typed every character of the passage once correctly and two wrong ones: correct / (correct + 2).
        Assert.Equal(2, b.Wrong);
        var accuracyB = Percent(b.ExpectedAccuracy);
        foreach (var player in new[] { a, b })
        {
            var rowA = player.ResultRow(a.PlayerId);
            var rowB = player.ResultRow(b.PlayerId);
            await Assertions.Expect(player.Page.GetByTestId("result-row").First).ToHaveAttributeAsync("data-player-id", a.PlayerId);
            await Assertions.Expect(rowA).ToHaveAttributeAsync("data-place", "1");
            await Assertions.Expect(rowB).ToHaveAttributeAsync("data-place", "2");
            await Assertions.Expect(rowA.Locator("td")).ToHaveTextAsync(
                [Exact("1st"), Exact($"Ada#{a.PlayerId[..4]}" + (player == a ? " (you)" : "")), Exact(Wpm(resultA)), Exact(Raw(resultA)), Exact("100.0%"), Exact(Consistency(resultA)), Time, Exact("0"), Exact("personal best")]);
            await Assertions.Expect(rowB.Locator("td")).ToHaveTextAsync(
                [Exact("2nd"), Exact($"Bo#{b.PlayerId[..4]}" + (player == b ? " (you)" : "")), Exact(Wpm(resultB)), Exact(Raw(resultB)), Exact(accuracyB), Exact(Consistency(resultB)), Time, Exact("1"), Exact("personal best")]);
        }

        await Assertions.Expect(a.Page.GetByTestId("own-result-line")).ToHaveTextAsync($"1st of 2 · {Wpm(resultA)} WPM · 100.0%");
        await Assertions.Expect(b.Page.GetByTestId("own-result-line")).ToHaveTextAsync($"2nd of 2 · {Wpm(resultB)} WPM · {accuracyB}");

        // Each sees where the result left them: a first best on the passage and guide, and their ranks.
        foreach (var (player, rank) in new[] { (a, "#1"), (b, "#2") })
        {
            await Assertions.Expect(player.Page.GetByTestId("new-best")).ToHaveTextAsync([Exact("New best on this passage"), Exact("New best on this guide")]);
            await Assertions.Expect(player.Page.GetByTestId("rank-speed-passage-allTime")).ToHaveTextAsync(rank);
            await Assertions.Expect(player.Page.GetByTestId("rank-speed-global-daily")).ToHaveTextAsync(rank);
            await Assertions.Expect(player.Page.GetByTestId("vs-average")).ToBeHiddenAsync();
        }

        // Each sees their own race chart: a dot per second, the seconds with mistakes marked.
        foreach (var (player, result) in new[] { (a, resultA), (b, resultB) })
        {
            var chart = result.GetProperty("chart").EnumerateArray().ToList();
            Assert.NotEmpty(chart);
            await Assertions.Expect(player.Page.Locator("[data-testid=race-chart] [data-testid=chart-dot]")).ToHaveCountAsync(chart.Count);
            await Assertions.Expect(player.Page.Locator("[data-testid=race-chart] .chart-dot-marked"))
                .ToHaveCountAsync(chart.Count(point => point.GetProperty("errors").GetInt32() > 0));
        }

        await Assertions.Expect(b.Page.Locator("[data-testid=race-chart] .chart-dot-marked")).Not.ToHaveCountAsync(0);

        // The chart draws the other racer's line and the player's raw speed beside their own; the breakdown counts
        // what became of every character, as the server did.
        foreach (var (player, other, result) in new[] { (a, b, resultA), (b, a, resultB) })
        {
            await Assertions.Expect(player.Page.Locator("[data-testid=race-chart] [data-testid=chart-line]")).ToHaveCountAsync(2);
            await Assertions.Expect(player.Page.Locator($"[data-testid=race-chart] [data-testid=chart-line][data-line='{other.PlayerId}']")).ToHaveCountAsync(1);
            await Assertions.Expect(player.Page.Locator("[data-testid=race-chart] [data-testid=chart-line][data-line=raw]")).ToHaveCountAsync(1);
            var breakdown = result.GetProperty("breakdown");
            Assert.Equal(player.Typeable, breakdown.GetProperty("correct").GetInt32());
            Assert.Equal((player.Wrong, player.Wrong), (breakdown.GetProperty("incorrect").GetInt32(), breakdown.GetProperty("corrected").GetInt32()));
            Assert.True(breakdown.GetProperty("rawWpm").GetDouble() >= result.GetProperty("wpm").GetDouble(), "raw speed counts the wrong keys too");
            await Assertions.Expect(player.Page.GetByTestId("chars-correct")).ToHaveTextAsync($"{player.Typeable} correct");
            await Assertions.Expect(player.Page.GetByTestId("chars-incorrect")).ToHaveTextAsync($"{player.Wrong} incorrect");
            await Assertions.Expect(player.Page.GetByTestId("chars-corrected")).ToHaveTextAsync($"{player.Wrong} corrected");
            await Assertions.Expect(player.Page.GetByTestId("breakdown-raw")).ToHaveTextAsync(Raw(result));
            await Assertions.Expect(player.Page.GetByTestId("breakdown-consistency")).ToHaveTextAsync(Consistency(result));

            // The lanes as the race ended, every one at its racer's last position.
            foreach (var racer in new[] { a, b })
            {
                await Assertions.Expect(player.Page.Locator($".results-screen [data-testid=lane][data-player-id='{racer.PlayerId}']")).ToHaveAttributeAsync("data-progress", length.ToString(CultureInfo.InvariantCulture));
            }
        }

        await Assertions.Expect(a.Page.GetByTestId("race-again")).ToBeVisibleAsync();
        await Assertions.Expect(b.Page.GetByTestId("host-chooses")).ToBeVisibleAsync();
        foreach (var player in new[] { a, b })
        {
            await Assertions.Expect(player.Page.GetByTestId("error-banner")).ToBeHiddenAsync();
        }

        await a.Screenshot("results-a.png");
        await b.Screenshot("results-b.png");
        log("results checked");

        await WatchReplay(b, a, length);
        log("replay played, paused, sped up and scrubbed");

        // The ghosts type as slowly as the racers did, which on a loaded machine can be a minute or more.
        var slowestRun = TimeSpan.FromMilliseconds(Math.Max(resultA.GetProperty("timeMs").GetInt64(), resultB.GetProperty("timeMs").GetInt64()));
        await RaceTheReplay(b, length, slowestRun);
        log("raced the replay's ghosts");
    }

    /// <summary>
    /// From the replay, Bo races this: a room of his own with both racers' ghosts, whose lanes move as they typed; they
    /// stand in the results where they finished, never placed, and Bo is first of one.
    /// </summary>
    private static async Task RaceTheReplay(BrowserPlayer bo, int length, TimeSpan slowestRun)
    {
        var page = bo.Page;
        await page.GetByTestId("race-this").ClickAsync();
        await Assertions.Expect(page.GetByTestId("start-race")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=member][data-ghost=true]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=member][data-ghost=true] [data-badge=ghost]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=member][data-ghost=true]").First).ToContainTextAsync("Ghost of Ada");

        await page.GetByTestId("start-race").ClickAsync();
        var text = await bo.WaitForPassage();
        await bo.WaitForTypingFocus();
        await bo.Begin(text, seed: 3);
        var ghostLanes = page.Locator("[data-testid=lane][data-ghost=true]");
        await Assertions.Expect(ghostLanes).ToHaveCountAsync(2);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=lane][data-ghost=true]')].some(lane => +lane.dataset.progress > 0)");
        await Assertions.Expect(ghostLanes.Locator("[data-testid=lane-place]")).ToHaveTextAsync(["–", "–"]);
        await bo.Screenshot("ghost-race.png");
        await bo.TypeTo(length);

        // The race ends when the ghosts have typed their whole runs: wait for the slowest run from its start, and more.
        await Assertions.Expect(page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = (float)(slowestRun + TimeSpan.FromSeconds(30)).TotalMilliseconds });
        var ghostRows = page.Locator("[data-testid=result-row][data-ghost=true]");
        await Assertions.Expect(ghostRows).ToHaveCountAsync(2);
        await Assertions.Expect(ghostRows.Locator("td.place")).ToHaveTextAsync(["ghost", "ghost"]);
        await Assertions.Expect(bo.ResultRow(bo.PlayerId)).ToHaveAttributeAsync("data-place", "1");
        await Assertions.Expect(page.GetByTestId("own-result-line")).ToHaveTextAsync(new Regex("^1st of 1 · "));
        await bo.Screenshot("ghost-results.png");
    }

    /// <summary>Bo opens the replay from the results: it plays, pauses, goes at 4×, and the scrubber shows any moment.</summary>
    private static async Task WatchReplay(BrowserPlayer viewer, BrowserPlayer winner, int length)
    {
        var page = viewer.Page;
        await page.GetByTestId("replay-link").ClickAsync();
        var replay = page.GetByTestId("replay");
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-state", "ready");
        Assert.Matches(new Regex("/replay/[0-9a-f]{32}$"), page.Url);
        await Assertions.Expect(page.GetByTestId("lane")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("replay-chart")).ToHaveCountAsync(2);
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-time", "0");
        await Assertions.Expect(page.GetByTestId("passage")).ToHaveAttributeAsync("data-position", "0");

        // Play: time runs and the cursors move; pause: it stands still, frame after frame.
        await page.GetByTestId("replay-play").ClickAsync();
        await page.WaitForFunctionAsync("() => +document.querySelector('[data-testid=replay]').dataset.time > 1000");
        await page.GetByTestId("replay-play").ClickAsync();
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-playing", "false");
        var paused = await replay.GetAttributeAsync("data-time");
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        Assert.Equal(paused, await replay.GetAttributeAsync("data-time"));
        Assert.True(int.Parse(await page.GetByTestId("passage").GetAttributeAsync("data-position") ?? "0", CultureInfo.InvariantCulture) > 0, "the winner's cursor moved");

        await page.GetByTestId("replay-speed-4").ClickAsync();
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-speed", "4");

        // The scrubber at the end: both finished, the passage typed to its end.
        var end = await page.GetByTestId("replay-scrubber").GetAttributeAsync("max");
        await page.GetByTestId("replay-scrubber").FillAsync(end!);
        await Assertions.Expect(replay).ToHaveAttributeAsync("data-time", end!);
        foreach (var player in new[] { viewer, winner })
        {
            await Assertions.Expect(page.Locator($"[data-testid=lane][data-player-id='{player.PlayerId}']")).ToHaveAttributeAsync("data-progress", length.ToString(CultureInfo.InvariantCulture));
        }

        await Assertions.Expect(page.GetByTestId("passage")).ToHaveAttributeAsync("data-position", length.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("replay-play")).ToHaveTextAsync("Play again");

        // Following Bo, at the moment of his slip, the passage shows his two wrong keys before he took them back.
        var slip = await page.EvaluateAsync<int>(
            """
            async (playerId) => {
              const raceId = location.pathname.split('/').pop();
              const replay = await (await fetch(`/api/races/${raceId}/replay`)).json();
              const steps = replay.racers.find((r) => r.result.playerId === playerId).steps;
              for (let i = 0; i < steps.length; i += 3) if (steps[i + 2] === 2) return steps[i];
              return -1;
            }
            """,
            viewer.PlayerId);
        Assert.True(slip > 0, "Bo's two wrong keys are in the replay");
        await page.GetByTestId("replay-follow").SelectOptionAsync(viewer.PlayerId);
        await page.GetByTestId("replay-scrubber").FillAsync(slip.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("passage")).ToHaveAttributeAsync("data-error-length", "2");
        await Assertions.Expect(page.Locator($"[data-testid=opponent-cursor][data-player-id='{winner.PlayerId}']")).ToHaveCountAsync(1);
        await viewer.Screenshot("replay.png");
    }

    /// <summary>
    /// From the results, Ada adds the ghost of her best run (the one she just typed) and races again: its dashed lane
    /// moves as she typed, and it stands in the results, never placed, with her best's figures.
    /// </summary>
    private static async Task RaceOwnBest(BrowserPlayer ada, JsonElement best)
    {
        var page = ada.Page;
        await page.GetByTestId("add-best-ghost").ClickAsync();
        await Assertions.Expect(page.GetByTestId("ghost-status")).ToHaveTextAsync("Ghost of Ada (best) is in the room.");
        var ghost = page.Locator("[data-testid=member][data-ghost=true]");
        await Assertions.Expect(ghost).ToHaveCountAsync(1);
        await Assertions.Expect(ghost.Locator(".member-name")).ToHaveTextAsync("Ghost of Ada (best)");

        await page.GetByTestId("race-again").ClickAsync();
        var text = await ada.WaitForPassage();
        await ada.WaitForTypingFocus();
        await ada.Begin(text, seed: 4);
        var lane = page.Locator("[data-testid=lane][data-ghost=true]");
        await Assertions.Expect(lane).ToHaveCountAsync(1);
        await Assertions.Expect(lane).ToHaveClassAsync(new Regex("\\bghost\\b"));
        await Assertions.Expect(lane).Not.ToHaveAttributeAsync("data-progress", "0");
        await ada.TypeTo(ada.Length);

        await Assertions.Expect(page.GetByTestId("result-row")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        var line = (await ada.Results()).EnumerateArray().Single(r => r.GetProperty("isGhost").GetBoolean());
        Assert.Equal((0, true, best.GetProperty("position").GetInt32()), (line.GetProperty("place").GetInt32(), line.GetProperty("finished").GetBoolean(), line.GetProperty("position").GetInt32()));
        Assert.Equal(["ghost"], line.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()));
        Assert.True(line.GetProperty("timeMs").GetInt64() >= best.GetProperty("timeMs").GetInt64() - 1, "a ghost is never ahead of its run (key times are whole milliseconds)");
        var row = page.Locator("[data-testid=result-row][data-ghost=true]");
        await Assertions.Expect(row.Locator("td.place")).ToHaveTextAsync("ghost");
        await Assertions.Expect(page.Locator("[data-testid=result-row]:not([data-ghost=true])").Locator("td.place")).ToHaveTextAsync(["1st", "2nd", "3rd"]);
        await ada.Screenshot("results-own-best.png");
    }

    private static async Task RaceBots(BrowserPlayer ada, Action<string> log)
    {
        // --- Lobby: Ada adds two bots from the host panel.
        await CreateRoom(ada, "Ada");
        int[] speeds = [200, 140];
        foreach (var speed in speeds)
        {
            await ada.Page.GetByTestId("bot-speed").SelectOptionAsync(speed.ToString(CultureInfo.InvariantCulture));
            await ada.Page.GetByTestId("add-bot").ClickAsync();
        }

        var bots = ada.Page.Locator("[data-testid=member][data-bot=true]");
        await Assertions.Expect(bots).ToHaveCountAsync(2);
        await Assertions.Expect(bots.Locator(".member-name")).ToContainTextAsync([new Regex("^Bot 200"), new Regex("^Bot 140")]);
        await Assertions.Expect(bots.Locator(".member-marks")).ToContainTextAsync(["bot", "bot"]);
        await Assertions.Expect(ada.Member(ada.PlayerId)).ToHaveAttributeAsync("data-bot", "false");
        var botIds = new List<string>();
        for (var i = 0; i < speeds.Length; i++)
        {
            botIds.Add((await bots.Nth(i).GetAttributeAsync("data-player-id"))!);
        }

        await ada.Screenshot("lobby-bots.png");
        log("two bots added");

        // --- The race: the bots' lanes move on their own, marked as bots, while Ada types.
        await ada.Page.GetByTestId("start-race").ClickAsync();
        var text = await ada.WaitForPassage();
        await ada.WaitForTypingFocus();
        await ada.Begin(text, seed: 3);
        await Assertions.Expect(ada.Page.GetByTestId("lane")).ToHaveCountAsync(3);
        foreach (var botId in botIds)
        {
            await Assertions.Expect(ada.Lane(botId)).Not.ToHaveAttributeAsync("data-progress", "0");
            await Assertions.Expect(ada.Lane(botId)).ToContainTextAsync("bot");
        }

        await ada.TypeTo(ada.Length);
        log("Ada finished; the bots type on");

        // --- Results, once the bots are done too: a line each, marked as bots, at about their speed.
        await Assertions.Expect(ada.Page.GetByTestId("results")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(ada.Page.GetByTestId("result-row")).ToHaveCountAsync(3);
        var results = await ada.Results();
        Assert.Equal([1, 2, 3], results.EnumerateArray().Select(line => line.GetProperty("place").GetInt32()));
        var own = ResultOf(results, ada.PlayerId);
        Assert.False(own.GetProperty("isBot").GetBoolean());
        Assert.True(own.GetProperty("standing").ValueKind == JsonValueKind.Object, "Ada's result has a standing");
        foreach (var (botId, speed) in botIds.Zip(speeds))
        {
            var line = ResultOf(results, botId);
            Assert.True(line.GetProperty("isBot").GetBoolean());
            Assert.True(line.GetProperty("finished").GetBoolean());
            Assert.Equal(ada.Length, line.GetProperty("position").GetInt32());
            Assert.Equal(["bot"], line.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()));
            Assert.False(line.TryGetProperty("standing", out var standing) && standing.ValueKind != JsonValueKind.Null, "a bot enters no leaderboard");

            // A short passage leaves room for chance; the engine's tests hold the model to ±10% over 2,000 characters.
            Assert.InRange(line.GetProperty("wpm").GetDouble(), speed * 0.7, speed * 1.3);

            var row = ada.ResultRow(botId);
            await Assertions.Expect(row).ToHaveAttributeAsync("data-place", line.GetProperty("place").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync(Exact(Wpm(line)));
            await Assertions.Expect(row.Locator("td").Nth(8).Locator("[data-testid=flag-note][data-flag=bot] summary")).ToHaveTextAsync(Exact("bot"));
        }

        await Assertions.Expect(ada.ResultRow(ada.PlayerId).Locator("td").Nth(8)).ToHaveTextAsync(Exact("personal best"));
        await ada.Screenshot("results-bots.png");
        log("results checked");

        await RaceOwnBest(ada, own);
        log("raced her best run's ghost");

        // A flag opens, by keyboard, to its reason in the server's words, which link to the fair-play rules.
        var rules = await ada.Page.EvaluateAsync<JsonElement>("async () => (await (await fetch('/api/fair-play')).json()).flags");
        string Rule(string flag) => rules.EnumerateArray().Single(rule => rule.GetProperty("flag").GetString() == flag).GetProperty("explanation").GetString()!;
        Assert.Contains("never ranked", Rule("bot"), StringComparison.Ordinal);
        Assert.StartsWith("More than 12 characters", Rule("pasted"), StringComparison.Ordinal);
        Assert.StartsWith("Faster than 300 WPM", Rule("tooFast"), StringComparison.Ordinal);
        var note = ada.Page.Locator("[data-testid=flag-note][data-flag=bot]").First;
        await Assertions.Expect(note).ToHaveAttributeAsync("title", Rule("bot"));
        await note.Locator("summary").FocusAsync();
        await ada.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(note.GetByTestId("flag-explanation")).ToBeVisibleAsync();
        await Assertions.Expect(note.GetByTestId("flag-explanation")).ToContainTextAsync(Rule("bot"));
        await note.GetByRole(AriaRole.Link, new() { Name = "The fair-play rules" }).ClickAsync();
        await Assertions.Expect(ada.Page).ToHaveURLAsync(new Regex("/fair-play$"));
        // Every rule the server judges by, in its words and its order.
        await Assertions.Expect(ada.Page.GetByTestId("fair-play-rule")).ToHaveTextAsync([.. rules.EnumerateArray().Select(rule => rule.GetProperty("explanation").GetString()!)]);
        Assert.Contains("stays ranked", Rule("clockMismatch"), StringComparison.Ordinal);
        log("a flag explained and the fair-play rules shown");
    }

    private static Regex Exact(string text) => new("^" + Regex.Escape(text) + "$");

    private static JsonElement ResultOf(JsonElement results, string playerId) =>
        results.EnumerateArray().Single(r => r.GetProperty("playerId").GetString() == playerId);

    /// <summary>As the client shows WPM: JavaScript's Math.round.</summary>
    private static string Wpm(JsonElement result) =>
        Math.Floor(result.GetProperty("wpm").GetDouble() + 0.5).ToString(CultureInfo.InvariantCulture);

    /// <summary>Raw WPM as the client shows it.</summary>
    private static string Raw(JsonElement result) =>
        Math.Floor(result.GetProperty("breakdown").GetProperty("rawWpm").GetDouble() + 0.5).ToString(CultureInfo.InvariantCulture);

    /// <summary>Consistency as the client shows it: a whole percent, rounded down, or "–" when there is none.</summary>
    internal static string Consistency(JsonElement result) =>
        result.GetProperty("breakdown").GetProperty("consistency") is { ValueKind: JsonValueKind.Number } value
            ? Math.Floor(value.GetDouble()).ToString(CultureInfo.InvariantCulture) + "%"
            : "–";

    /// <summary>As the client shows accuracy: one decimal, like toFixed(1).</summary>
    private static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";
}
