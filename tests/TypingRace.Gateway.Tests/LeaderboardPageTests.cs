using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TypingRace.Engine.Guides;
using TypingRace.Engine.Leaderboards;
using TypingRace.Engine.Typing;
using TypingRace.Grains.Results;
using TypingRace.Testing;
using Xunit.Abstractions;

namespace TypingRace.Gateway.Tests;

/// <summary>
/// The leaderboard page and the player page in Debian's chromium, against a real co-hosted gateway whose boards were
/// filled through the product's write path (players registered over REST, results written by the gateway's
/// <see cref="ResultRecorder"/>, as the room grain does when a race ends). Every number the pages show is checked
/// against what the REST API answers.
/// </summary>
public sealed class LeaderboardPageTests(ITestOutputHelper output)
{
    private const int Rivals = 60;

    /// <summary>HTML in a name must show as text.</summary>
    private const string TopName = "<b>Top</b> & \"Co\"";

    [Fact]
    public async Task Leaderboard_and_player_pages_show_what_the_api_serves()
    {
        await using var gateway = await GatewayInstance.Start(GatewayInstance.CoHosted());
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await TestBrowser.Launch(playwright);
        await using var context = await TestBrowser.NewContext(browser, gateway.Address);
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);

        try
        {
            await Run(gateway, page);
        }
        catch
        {
            await TestBrowser.TryScreenshot(page, "failure-leaderboards.png");
            throw;
        }

        Assert.Empty(pageErrors);
    }

    private async Task Run(GatewayInstance gateway, IPage page)
    {
        // --- The browser's player signs in the usual way: a name saved on the home page.
        await page.GotoAsync("/");
        await page.GetByTestId("name-input").FillAsync("Casey");
        await page.GetByTestId("save-name").ClickAsync();
        var meHandle = await page.WaitForFunctionAsync("() => window.typingRace?.state?.player?.playerId");
        var me = await meHandle.JsonValueAsync<string>();
        var meName = $"Casey#{me[..4]}";
        await Assertions.Expect(page.GetByTestId("nav-my-stats")).ToBeVisibleAsync();

        // --- Results, through the recorder races end with: 60 rivals on passage A (five of them also on B), all faster
        // than Casey, whose four races are on A and B. Casey is 61st on the global board and 6th on B's.
        var passageA = TestGuides.Passage(0, PassageLength.Short);
        var passageB = TestGuides.Passage(2, PassageLength.Short);
        Assert.True(passageA.CharacterCount >= 80 && passageB.CharacterCount >= 80, "both passages are long enough to be ranked");
        var recorder = gateway.Services.GetRequiredService<ResultRecorder>();
        var now = DateTimeOffset.UtcNow;
        var rivals = new List<TestPlayer>();
        for (var i = 0; i < Rivals; i++)
        {
            var rival = await gateway.Register(i == Rivals - 1 ? TopName : $"Rival {i + 1:D2}");
            rivals.Add(rival);
            var accuracy = 0.9 + (i % 10 / 100.0);
            await Record(recorder, rival, passageA, wpm: 60 + (i * 1.25), accuracy, place: 1, racers: 1, at: now);
            if (i < 5)
            {
                await Record(recorder, rival, passageB, wpm: 60 + i, accuracy, place: 1, racers: 1, at: now);
            }
        }

        var casey = new TestPlayer(me, "Casey", "");
        await Record(recorder, casey, passageA, wpm: 41.2, accuracy: 0.955, place: 3, racers: 4, at: now.AddMinutes(-4));
        await Record(recorder, casey, passageB, wpm: 52.6, accuracy: 0.97, place: 1, racers: 3, at: now.AddMinutes(-3));
        await Record(recorder, casey, passageA, wpm: 47.9, accuracy: 0.94, place: 2, racers: 4, at: now.AddMinutes(-2));
        await Record(recorder, casey, passageB, wpm: 20.4, accuracy: 0.8, place: 3, racers: 3, at: now.AddMinutes(-1), finished: false);
        var top = rivals[^1];
        output.WriteLine($"seeded {Rivals} rivals and 4 races of {meName}");

        // --- The global board, reached from the header.
        await page.GetByTestId("nav-leaderboards").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/leaderboards\?scope=global&period=allTime&ranking=speed$"));
        await Assertions.Expect(page.GetByTestId("nav-leaderboards")).ToHaveAttributeAsync("aria-current", "page");
        await WaitForBoard(page, "global||allTime|speed");
        var global = await Board(gateway, "scope=global&period=allTime&ranking=speed");
        Assert.Equal(50, global.Length);
        Assert.Equal(top.PlayerId, global[0].GetProperty("playerId").GetString());
        Assert.Equal(60 + ((Rivals - 1) * 1.25), global[0].GetProperty("wpm").GetDouble(), 2);

        var rows = page.GetByTestId("board-row");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        var first = rows.First;
        await Assertions.Expect(first).ToHaveAttributeAsync("data-player-id", top.PlayerId);
        await Assertions.Expect(first.GetByTestId("board-rank")).ToHaveTextAsync("1");
        await Assertions.Expect(first.GetByTestId("board-player-link")).ToHaveTextAsync($"{TopName}#{top.PlayerId[..4]}");
        await Assertions.Expect(first.GetByTestId("board-player-link")).ToHaveAttributeAsync("href", $"/p/{top.PlayerId}");
        await Assertions.Expect(first.GetByTestId("board-wpm")).ToHaveTextAsync("134");
        await Assertions.Expect(first.GetByTestId("board-wpm")).ToHaveTextAsync(Wpm(global[0]));
        await Assertions.Expect(first.GetByTestId("board-accuracy")).ToHaveTextAsync(Percent(global[0]));
        await Assertions.Expect(rows.Nth(49).GetByTestId("board-wpm")).ToHaveTextAsync(Wpm(global[49]));

        // Casey is outside the top 50: not highlighted in it, pinned below it with the API's rank.
        var rank = await Json(gateway, $"/api/leaderboards/rank?scope=global&period=allTime&ranking=speed&playerId={me}");
        var ownEntry = rank.GetProperty("entry");
        Assert.Equal(Rivals + 1, ownEntry.GetProperty("rank").GetInt64());
        await Assertions.Expect(page.Locator("[data-testid=board-row][data-own=true]")).ToHaveCountAsync(0);
        var pinned = page.GetByTestId("own-rank");
        await Assertions.Expect(pinned).ToBeVisibleAsync();
        await Assertions.Expect(pinned.GetByTestId("own-rank-number")).ToHaveTextAsync(ownEntry.GetProperty("rank").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(pinned.GetByTestId("board-player-link")).ToHaveTextAsync(meName);
        await Assertions.Expect(pinned.GetByTestId("board-wpm")).ToHaveTextAsync(Wpm(ownEntry));
        await Assertions.Expect(pinned.GetByTestId("board-wpm")).ToHaveTextAsync("53");
        await TestBrowser.Screenshot(page, "leaderboard-global.png");

        // --- The accuracy ranking: the top row follows the API's.
        await page.GetByTestId("ranking-accuracy").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/leaderboards\?scope=global&period=allTime&ranking=accuracy$"));
        await WaitForBoard(page, "global||allTime|accuracy");
        var byAccuracy = await Board(gateway, "scope=global&period=allTime&ranking=accuracy");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-player-id", byAccuracy[0].GetProperty("playerId").GetString()!);
        await Assertions.Expect(rows.First.GetByTestId("board-accuracy")).ToHaveTextAsync(Percent(byAccuracy[0]));
        await page.GetByTestId("ranking-speed").ClickAsync();

        // --- Passage B (guide + starting paragraph + length): Casey is 6th, so highlighted in the table, nothing pinned.
        await page.GetByTestId("scope-passage").ClickAsync();
        await Assertions.Expect(page.GetByTestId("board-guide-select")).ToHaveValueAsync(TestGuides.MiniId);
        await Assertions.Expect(page.Locator("[data-testid=board-paragraph-select] option[value='3']")).ToBeAttachedAsync();
        await page.GetByTestId("board-paragraph-select").SelectOptionAsync("3");
        await page.GetByTestId("board-length-select").SelectOptionAsync("short");
        var passageBId = BoardKeys.PassageId(passageB.FirstParagraphId, PassageLength.Short);
        await WaitForBoard(page, $"passage|{passageBId}|allTime|speed");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/leaderboards\?scope=passage&guide=mini&paragraph=3&length=short&period=allTime&ranking=speed$"));
        var boardB = await Board(gateway, $"scope=passage&id={passageBId}&period=allTime&ranking=speed");
        Assert.Equal(6, boardB.Length);
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(rows.First.GetByTestId("board-wpm")).ToHaveTextAsync(Wpm(boardB[0]));
        var ownRow = page.Locator("[data-testid=board-row][data-own=true]");
        await Assertions.Expect(ownRow).ToHaveCountAsync(1);
        await Assertions.Expect(ownRow).ToHaveAttributeAsync("data-rank", "6");
        await Assertions.Expect(ownRow).ToHaveClassAsync(new Regex(@"\bown\b"));
        await Assertions.Expect(ownRow.GetByTestId("board-player-link")).ToHaveTextAsync(meName);
        await Assertions.Expect(page.GetByTestId("own-rank")).ToHaveCountAsync(0);
        await TestBrowser.Screenshot(page, "leaderboard-passage.png");

        // --- Nobody raced the medium passage: a friendly empty board.
        await page.GetByTestId("board-length-select").SelectOptionAsync("medium");
        await Assertions.Expect(page.Locator("[data-testid=board][data-state=empty]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("board-empty")).ToContainTextAsync("No results on this board yet.");
        await Assertions.Expect(page.GetByTestId("board-table")).ToBeHiddenAsync();
        await TestBrowser.Screenshot(page, "leaderboard-empty.png");

        // --- This week's global board, as the API has it.
        await page.GetByTestId("scope-global").ClickAsync();
        await page.GetByTestId("period-weekly").ClickAsync();
        await WaitForBoard(page, "global||weekly|speed");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/leaderboards\?scope=global&period=weekly&ranking=speed$"));
        var weekly = await Board(gateway, "scope=global&period=weekly&ranking=speed");
        await Assertions.Expect(rows).ToHaveCountAsync(weekly.Length);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-player-id", weekly[0].GetProperty("playerId").GetString()!);

        // --- An API error is shown on the page, and "Try again" recovers once the API answers again.
        await page.RouteAsync(new Regex(@"/api/leaderboards\?"), route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 503,
            ContentType = "application/json",
            Body = """{"code":"unavailable","message":"The leaderboards are resting."}""",
        }));
        await page.GetByTestId("period-allTime").ClickAsync();
        await Assertions.Expect(page.GetByTestId("board-error")).ToContainTextAsync("The leaderboards are resting. (unavailable)");
        await Assertions.Expect(page.GetByTestId("board-table")).ToBeHiddenAsync();
        await page.UnrouteAllAsync();
        await page.GetByTestId("board-retry").ClickAsync();
        await WaitForBoard(page, "global||allTime|speed");
        await Assertions.Expect(rows).ToHaveCountAsync(50);

        // --- Casey's own page from the header: totals, recent races, bests and the chart match the stats API.
        await page.GetByTestId("nav-my-stats").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{me}$"));
        await Assertions.Expect(page.Locator("[data-testid=player-page][data-state=ready]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("nav-my-stats")).ToHaveAttributeAsync("aria-current", "page");
        var statsAnswer = await Json(gateway, $"/api/players/{me}/stats");
        var stats = statsAnswer.GetProperty("stats");
        var recent = stats.GetProperty("recent").EnumerateArray().ToArray();
        var guideTitle = (await Json(gateway, $"/api/guides/{TestGuides.MiniId}")).GetProperty("title").GetString()!;
        Assert.Equal(4, stats.GetProperty("races").GetInt64());
        Assert.Equal(4, recent.Length);

        await Assertions.Expect(page.GetByTestId("player-name")).ToHaveTextAsync(meName);
        await Assertions.Expect(page.GetByTestId("stat-races")).ToHaveTextAsync(stats.GetProperty("races").GetInt64().ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("stat-average-wpm")).ToHaveTextAsync(Wpm(stats.GetProperty("averageWpm").GetDouble()));
        await Assertions.Expect(page.GetByTestId("stat-average-wpm")).ToHaveTextAsync("41"); // (41.2 + 52.6 + 47.9 + 20.4) / 4
        await Assertions.Expect(page.GetByTestId("stat-average-accuracy")).ToHaveTextAsync(Percent(stats.GetProperty("averageAccuracy").GetDouble()));
        await Assertions.Expect(page.GetByTestId("stat-recent-average-wpm")).ToHaveTextAsync(Wpm(stats.GetProperty("recentAverageWpm").GetDouble()));

        var recentRows = page.GetByTestId("recent-row");
        await Assertions.Expect(recentRows).ToHaveCountAsync(recent.Length);
        await Assertions.Expect(recentRows.GetByTestId("recent-wpm")).ToHaveTextAsync(recent.Select(Wpm).ToArray());
        await Assertions.Expect(recentRows.GetByTestId("recent-placement")).ToHaveTextAsync(
            recent.Select(r => $"{r.GetProperty("place").GetInt32()} / {r.GetProperty("racers").GetInt32()}").ToArray());
        await Assertions.Expect(recentRows.GetByTestId("recent-placement")).ToHaveTextAsync(["3 / 3", "2 / 4", "1 / 3", "3 / 4"]);
        await Assertions.Expect(recentRows.GetByTestId("recent-guide")).ToHaveTextAsync(Enumerable.Repeat(guideTitle, 4).ToArray());
        await Assertions.Expect(recentRows.GetByTestId("recent-passage")).ToHaveTextAsync(
            ["paragraph 3 · Short", "paragraph 1 · Short", "paragraph 3 · Short", "paragraph 1 · Short"]);
        await Assertions.Expect(recentRows.First).ToContainTextAsync("did not finish");

        var guideBests = stats.GetProperty("guideBests").EnumerateArray().ToArray();
        Assert.Single(guideBests);
        await Assertions.Expect(page.GetByTestId("guide-best-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("guide-best-link")).ToHaveTextAsync(guideTitle);
        await Assertions.Expect(page.GetByTestId("guide-best-wpm")).ToHaveTextAsync(Wpm(guideBests[0]));
        await Assertions.Expect(page.GetByTestId("passage-best-row")).ToHaveCountAsync(stats.GetProperty("passageBests").GetArrayLength());

        // One dot per recent race, oldest first, with the lowest and highest WPM on the axis.
        var dots = page.GetByTestId("chart-dot");
        await Assertions.Expect(dots).ToHaveCountAsync(recent.Length);
        var oldestFirst = Enumerable.Reverse(recent).Select(r => r.GetProperty("wpm").GetDouble()).ToArray();
        for (var i = 0; i < oldestFirst.Length; i++)
        {
            Assert.Equal(oldestFirst[i], double.Parse((await dots.Nth(i).GetAttributeAsync("data-wpm"))!, CultureInfo.InvariantCulture), 2);
            await Assertions.Expect(dots.Nth(i).Locator("title")).ToHaveTextAsync(new Regex($"^{Wpm(oldestFirst[i])} WPM · "));
        }

        await Assertions.Expect(page.GetByTestId("chart-min")).ToHaveTextAsync(Wpm(oldestFirst.Min()));
        await Assertions.Expect(page.GetByTestId("chart-max")).ToHaveTextAsync(Wpm(oldestFirst.Max()));
        var cy = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i => double.Parse((await dots.Nth(i).GetAttributeAsync("cy"))!, CultureInfo.InvariantCulture)));
        Assert.True(cy[1] < cy[0] && cy[3] > cy[2], "a faster race is drawn higher");
        await TestBrowser.Screenshot(page, "player-page.png");

        // --- A personal best links to its board, chosen by the address.
        await page.GetByTestId("guide-best-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/leaderboards\?scope=guide&guide=mini&period=allTime&ranking=speed$"));
        await WaitForBoard(page, "guide|mini|allTime|speed");
        await Assertions.Expect(page.Locator("[data-testid=scope-guide] input")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("own-rank-number")).ToHaveTextAsync(
            (await Json(gateway, $"/api/leaderboards/rank?scope=guide&id=mini&period=allTime&ranking=speed&playerId={me}"))
                .GetProperty("entry").GetProperty("rank").GetInt64().ToString(CultureInfo.InvariantCulture));

        // --- Another player's page, from their row: the name is text, not markup.
        await rows.First.GetByTestId("board-player-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/p/{top.PlayerId}$"));
        await Assertions.Expect(page.Locator("[data-testid=player-page][data-state=ready]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("player-name")).ToHaveTextAsync($"{TopName}#{top.PlayerId[..4]}");
        await Assertions.Expect(page.GetByTestId("stat-races")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("chart-dot")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("nav-my-stats")).Not.ToHaveAttributeAsync("aria-current", "page");

        // --- An unknown player gets a clear message.
        await page.EvaluateAsync("id => { history.pushState(null, '', '/p/' + id); dispatchEvent(new PopStateEvent('popstate')); }", new string('a', 32));
        await Assertions.Expect(page.GetByTestId("player-not-found")).ToContainTextAsync("There is no player with the id");
        await TestBrowser.Screenshot(page, "player-not-found.png");

        // --- Shared links open the same pages straight from the address bar.
        await page.GotoAsync("/leaderboards?scope=guide&guide=mini&period=allTime&ranking=accuracy");
        await WaitForBoard(page, "guide|mini|allTime|accuracy");
        await page.GotoAsync($"/p/{me}");
        await Assertions.Expect(page.GetByTestId("player-name")).ToHaveTextAsync(meName);

        // --- And back to racing: the home page is one click away, and a room still opens under the same header.
        await page.GetByTestId("nav-race").ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-race")).ToHaveAttributeAsync("aria-current", "page");
        await page.Locator("[data-testid=guide-select] option[value=mini]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.GetByTestId("create-room").ClickAsync();
        await Assertions.Expect(page.GetByTestId("room-code")).ToHaveTextAsync(new Regex("^[A-HJKMNP-Z2-9]{6}$"));
        await Assertions.Expect(page.GetByTestId("nav-race")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByTestId("start-race")).ToBeVisibleAsync();
        await page.GetByTestId("nav-leaderboards").ClickAsync();
        await WaitForBoard(page, "global||allTime|speed");
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("start-race")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("error-banner")).ToBeHiddenAsync();
    }

    private static async Task Record(
        ResultRecorder recorder, TestPlayer player, Passage passage, double wpm, double accuracy, int place, int racers, DateTimeOffset at, bool finished = true)
    {
        var result = new FinishedResult(
            Guid.NewGuid().ToString("N"), player.PlayerId, passage.GuideId, passage.FirstParagraphId, passage.Length, passage.CharacterCount,
            CohortId: null, wpm, accuracy, FairPlayFlags.None, place, racers, Hints: 0, finished, at);
        Assert.NotNull(await recorder.Record(result, player.Name, CancellationToken.None));
    }

    private static Task WaitForBoard(IPage page, string board) =>
        Assertions.Expect(page.Locator($"[data-testid=board][data-state=ready][data-board='{board}']")).ToBeVisibleAsync();

    private static async Task<JsonElement[]> Board(GatewayInstance gateway, string query) =>
        (await Json(gateway, $"/api/leaderboards?{query}&top=50")).GetProperty("entries").EnumerateArray().ToArray();

    private static Task<JsonElement> Json(GatewayInstance gateway, string path) => gateway.Http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>As the client shows WPM: JavaScript's Math.round.</summary>
    private static string Wpm(double wpm) => Math.Floor(wpm + 0.5).ToString(CultureInfo.InvariantCulture);

    private static string Wpm(JsonElement entry) => Wpm(entry.GetProperty("wpm").GetDouble());

    /// <summary>As the client shows accuracy: one decimal, like toFixed(1).</summary>
    private static string Percent(double fraction) => (fraction * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    private static string Percent(JsonElement entry) => Percent(entry.GetProperty("accuracy").GetDouble());
}
